package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.enclave.SignatureResult.SignedMessage;
import io.custody.enclave.internal.Eip712Encoder;
import io.custody.enclave.internal.Hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** All 130 ethers.js EIP-712 vectors ({@code shared/vectors/ethereum/typed-data.json.gz}). */
class TypedDataVectorsTest {

    private static List<Map<String, Object>> vectors;

    static Stream<Arguments> cases() {
        if (vectors == null) {
            vectors = Vectors.readList("ethereum/typed-data.json.gz");
        }
        return vectors.stream().map(v -> Arguments.of(v.get("name"), v));
    }

    @Test
    void vectorFile_hasAll130Cases() {
        assertEquals(130, cases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodeAndDigest_reproduceEthersVector(String name, Map<String, Object> v) {
        Eip712TypedData typed = typedData(v);
        byte[] encoded = Eip712Encoder.encodeData(typed.types(), typed.primaryType(), typed.domain(), typed.message());
        byte[] digest = Eip712Encoder.digest(typed.types(), typed.primaryType(), typed.domain(), typed.message());
        assertEquals(v.get("encoded"), Hex.encode0x(encoded), "encoded");
        assertEquals(v.get("digest"), Hex.encode0x(digest), "digest");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sign_reproducesVectorSignature_whereTheVectorHasOne(String name, Map<String, Object> v) {
        if (!v.containsKey("signature")) {
            return;
        }
        try (SigningKey key = TestKeys.fromHex((String) v.get("privateKey"))) {
            SignedMessage signed = (SignedMessage) new EnclaveSigner(AllowEverything.POLICY).sign(key, typedData(v));
            assertEquals(v.get("digest"), Hex.encode0x(signed.messageHash()));
            assertEquals(v.get("signature"), Hex.encode0x(signed.toRsv()));
        }
    }

    @SuppressWarnings("unchecked")
    static Eip712TypedData typedData(Map<String, Object> v) {
        Map<String, List<Eip712Field>> types = new LinkedHashMap<>();
        ((Map<String, Object>) v.get("types")).forEach((typeName, fields) -> types.put(typeName,
                ((List<Map<String, String>>) fields).stream()
                        .map(f -> new Eip712Field(f.get("name"), f.get("type"))).toList()));
        return new Eip712TypedData(types, (String) v.get("primaryType"),
                (Map<String, Object>) v.get("domain"), (Map<String, Object>) v.get("data"));
    }
}
