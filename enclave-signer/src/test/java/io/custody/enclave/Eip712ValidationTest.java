package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.custody.enclave.internal.Eip712Encoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EIP-712 inputs the signer must refuse, each with the rule it breaks. */
class Eip712ValidationTest {

    private static final EnclaveSigner SIGNER = new EnclaveSigner(AllowEverything.POLICY);

    private static Eip712TypedData single(String type, Object value) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("v", value);
        return new Eip712TypedData(Map.of("T", List.of(new Eip712Field("v", type))), "T",
                Map.of("name", "x", "chainId", 1), message);
    }

    private static String refusal(String type, Object value) {
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            return assertThrows(InvalidPayloadException.class, () -> SIGNER.sign(key, single(type, value))).getMessage();
        }
    }

    private static void accepted(String type, Object value) {
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            SIGNER.sign(key, single(type, value));
        }
    }

    @Test
    void uintN_outOfRange_isRefused() {
        assertEquals("T.v is out of range for uint8", refusal("uint8", "256"));
        assertEquals("T.v is out of range for uint8", refusal("uint8", "-1"));
        assertEquals("T.v is out of range for uint256", refusal("uint256", "0x1" + "0".repeat(64)));
        accepted("uint8", "255");
        accepted("uint8", "0xff");
    }

    @Test
    void intN_outOfRange_isRefused() {
        assertEquals("T.v is out of range for int8", refusal("int8", "128"));
        assertEquals("T.v is out of range for int8", refusal("int8", "-129"));
        accepted("int8", "-128");
        accepted("int8", 127);
    }

    @Test
    void integers_mustBeIntegralNumbersOrStrings() {
        refusal("uint256", 1.5);
        refusal("uint256", "1e3");
        refusal("uint256", "");
        refusal("uint256", "0x");
        refusal("uint256", true);
    }

    @Test
    void bytesN_mustHaveExactLength() {
        assertEquals("T.v must be exactly 4 bytes", refusal("bytes4", "0x010203"));
        assertEquals("T.v must be exactly 4 bytes", refusal("bytes4", "0x0102030405"));
        accepted("bytes4", "0x01020304");
    }

    @Test
    void addressAndBool_areTypeChecked() {
        refusal("address", "0x1234");
        refusal("address", 5);
        refusal("bool", "true");
        accepted("bool", false);
    }

    @Test
    void fixedArrays_mustHaveTheirLength() {
        assertEquals("T.v must have exactly 2 elements", refusal("uint8[2]", List.of(1)));
        accepted("uint8[2][]", List.of(List.of(1, 2), List.of(3, 4)));
    }

    @Test
    void strings_withUnpairedSurrogates_areRefused() {
        assertEquals("T.v is not valid Unicode text", refusal("string", "a\uD800b"));
    }

    @Test
    void missingAndUndeclaredMembers_areRefused() {
        Map<String, List<Eip712Field>> types = Map.of("T", List.of(new Eip712Field("a", "uint8")));
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            assertThrows(InvalidPayloadException.class, () -> SIGNER.sign(key,
                    new Eip712TypedData(types, "T", Map.of(), Map.of())));
            assertThrows(InvalidPayloadException.class, () -> SIGNER.sign(key,
                    new Eip712TypedData(types, "T", Map.of(), Map.of("a", 1, "b", 2))));
            assertThrows(InvalidPayloadException.class, () -> SIGNER.sign(key,
                    new Eip712TypedData(types, "T", Map.of("nonsense", "x"), Map.of("a", 1))));
        }
    }

    @Test
    void typeDefinitions_areChecked() {
        assertThrows(InvalidPayloadException.class, () -> new Eip712TypedData(
                Map.of("T", List.of(new Eip712Field("a", "Unknown"))), "T", Map.of(), Map.of()));
        assertThrows(InvalidPayloadException.class, () -> new Eip712TypedData(
                Map.of("T", List.of(new Eip712Field("a", "uint7"))), "T", Map.of(), Map.of()));
        assertThrows(InvalidPayloadException.class, () -> new Eip712TypedData(
                Map.of("T", List.of(new Eip712Field("a", "uint8"), new Eip712Field("a", "bool"))), "T",
                Map.of(), Map.of()));
        assertThrows(InvalidPayloadException.class, () -> new Eip712TypedData(
                Map.of("T", List.of()), "Missing", Map.of(), Map.of()));
        assertThrows(InvalidPayloadException.class, () -> new Eip712TypedData(
                Map.of("uint256", List.of()), "uint256", Map.of(), Map.of()));
    }

    @Test
    void encodeType_listsDependenciesSortedAfterThePrimaryType() {
        Map<String, List<Eip712Field>> types = Map.of(
                "Mail", List.of(new Eip712Field("from", "Person"), new Eip712Field("to", "Person[]"),
                        new Eip712Field("att", "Attachment")),
                "Person", List.of(new Eip712Field("name", "string")),
                "Attachment", List.of(new Eip712Field("data", "bytes")));
        assertEquals("Mail(Person from,Person[] to,Attachment att)Attachment(bytes data)Person(string name)",
                Eip712Encoder.encodeType(types, "Mail"));
    }

    @Test
    void deeplyNestedValues_areRefused() {
        Object deep = 1;
        for (int i = 0; i < 40; i++) {
            deep = List.of(deep);
        }
        Object value = deep;
        assertThrows(InvalidPayloadException.class, () -> single("uint8" + "[]".repeat(40), value));
    }
}
