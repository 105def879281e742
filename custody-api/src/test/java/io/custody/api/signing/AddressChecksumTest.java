package io.custody.api.signing;

import static io.custody.api.signing.SigningJson.assertRefused;
import static io.custody.api.signing.SigningJson.hex;
import static io.custody.api.signing.SigningJson.object;
import static io.custody.api.signing.SigningJson.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.protocol.SignPayload;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Destination addresses: 20 bytes of hex, with the EIP-55 checksum enforced when the case is mixed. */
class AddressChecksumTest {

    /** The examples of https://eips.ethereum.org/EIPS/eip-55, all four groups. */
    @ParameterizedTest
    @ValueSource(strings = {
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void eip55Examples_areAccepted_andSummarizedInChecksumForm(String address) {
        SigningRequest request = parse(withTo(address));
        assertArrayEquals(hex(address), ((SignPayload.Transaction) request.payload()).to());
        String checksummed = request.to();
        assertEquals(address.toLowerCase(Locale.ROOT), checksummed.toLowerCase(Locale.ROOT));
        boolean mixed = !address.substring(2).equals(address.substring(2).toLowerCase(Locale.ROOT))
                && !address.substring(2).equals(address.substring(2).toUpperCase(Locale.ROOT));
        if (mixed) {
            assertEquals(address, checksummed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", // last letter's case flipped
        "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", // second letter's case flipped
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5D359"})
    void mixedCaseAddress_withAWrongChecksum_isRefused(String address) {
        assertRefused(withTo(address), ErrorCode.INVALID_CHECKSUM, "transaction.to");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",
        "0x",
        ""})
    void addressThatIsNot20BytesOfHex_isRefused(String address) {
        assertRefused(withTo(address), ErrorCode.INVALID_ADDRESS, "transaction.to");
    }

    @org.junit.jupiter.api.Test
    void addressOfAnotherJsonType_isRefused() {
        ObjectNode body = object(TransactionRequestTest.RANDOM_5_EIP1559);
        ((ObjectNode) body.get("transaction")).put("to", 12);
        assertRefused(body, ErrorCode.INVALID_FIELD_TYPE, "transaction.to");
    }

    private static ObjectNode withTo(String address) {
        ObjectNode body = object(TransactionRequestTest.RANDOM_5_EIP1559);
        ((ObjectNode) body.get("transaction")).put("to", address);
        return body;
    }
}
