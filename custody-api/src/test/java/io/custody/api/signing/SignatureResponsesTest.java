package io.custody.api.signing;

import static io.custody.api.signing.SigningJson.hex;
import static io.custody.api.signing.SigningJson.object;
import static io.custody.api.signing.SigningJson.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.enclave.protocol.Messages.SignResponse;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Building the API response from the enclave's answer, and refusing answers that do not fit the request. */
class SignatureResponsesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** transaction.json.gz "random-0", signedEip155 (chainId 0x8404bf1f). */
    private static final byte[] LEGACY_RAW = hex("f89e82028882237e819d946eb893e3466931517a04a17d153a6330c3f2f1dd82c854b5889e"
            + "365e59664fb881554ba1175519b5195b1d20390beb806d8f2cda7893e6f79848195dba4c905db6d7257ffb5eefea35f18ae33c8501"
            + "08097e62a0f141fe1b7e2fc1ed5d2b6ea4f04f92053e18f07274e2bda1c6852438c1895229a075553a7ae158a3fd46f75b547e847b"
            + "59e2876f9a42de7a26d016db33232516de");
    private static final byte[] LEGACY_R = hex("f141fe1b7e2fc1ed5d2b6ea4f04f92053e18f07274e2bda1c6852438c1895229");
    private static final byte[] LEGACY_S = hex("75553a7ae158a3fd46f75b547e847b59e2876f9a42de7a26d016db33232516de");
    /** The same, signedLondon (yParity 0). */
    private static final byte[] LONDON_RAW = hex("02f8a5848404bf1f820288832c7e6384346d9246819d946eb893e3466931517a04a17d"
            + "153a6330c3f2f1dd82c854b5889e365e59664fb881554ba1175519b5195b1d20390beb806d8f2cda7893e6f79848195dba4c905db6"
            + "d7257ffb5eefea35f18ae33cc080a0f1003f96c6c6620dd46db36d2ae9f12d363947eb0db088c678b6ad1cf494aa6fa06085b5abbf"
            + "448de5d622dc820da590cfdb6bb77b41c6650962b998a941f8d701");
    private static final byte[] LONDON_R = hex("f1003f96c6c6620dd46db36d2ae9f12d363947eb0db088c678b6ad1cf494aa6f");
    private static final byte[] LONDON_S = hex("6085b5abbf448de5d622dc820da590cfdb6bb77b41c6650962b998a941f8d701");
    /** typed-data.json.gz "EIP712 example": digest and signature (v 0x1c). */
    private static final byte[] MAIL_DIGEST = hex("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    private static final byte[] MAIL_R = hex("4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d");
    private static final byte[] MAIL_S = hex("07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562");

    private static final BigInteger CHAIN_ID = BigInteger.valueOf(0x8404bf1fL);

    private static SigningRequest legacyRequest() {
        return parse(TransactionRequestTest.RANDOM_0_LEGACY);
    }

    private static SigningRequest eip1559Request() {
        ObjectNode body = object(TransactionRequestTest.RANDOM_5_EIP1559);
        ((ObjectNode) body.get("transaction")).put("chainId", "0x8404bf1f");
        return parse(body);
    }

    private static SigningRequest typedDataRequest() {
        return parse(TypedDataVectors.request(TypedDataVectors.MAIL));
    }

    private static SignResponse transaction(byte[] r, byte[] s, int yParity, BigInteger v, byte[] raw) {
        return new SignResponse(r, s, yParity, v, raw, EthFormats.keccak256(raw), null);
    }

    @Test
    void keccak256_matchesTheKnownHashOfTheEmptyString() {
        assertArrayEquals(hex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
                EthFormats.keccak256(new byte[0]));
    }

    @Test
    void legacyResponse_hasEip155V_theSignedTransactionAndItsHash() throws Exception {
        BigInteger v = BigInteger.valueOf(0x0108097e62L); // chainId * 2 + 35 + 1
        SignatureResponse response = SignatureResponses.from(legacyRequest(), transaction(LEGACY_R, LEGACY_S, 1, v, LEGACY_RAW));
        assertEquals(v, response.signature().v());
        assertEquals(1, response.signature().yParity());
        assertEquals(EthFormats.hex(LEGACY_RAW), response.signedTransaction());
        assertEquals(EthFormats.hex(EthFormats.keccak256(LEGACY_RAW)), response.transactionHash());
        assertEquals("{\"type\":\"legacy_transaction\",\"signature\":{\"r\":\"0x" + hexOf(LEGACY_R) + "\",\"s\":\"0x"
                + hexOf(LEGACY_S) + "\",\"v\":4429807202,\"yParity\":1},\"signedTransaction\":\""
                + response.signedTransaction() + "\",\"transactionHash\":\"" + response.transactionHash() + "\"}",
                MAPPER.writeValueAsString(response));
    }

    @Test
    void legacyV_above2Pow53Minus1_isRenderedAsADecimalString() throws Exception {
        ObjectNode body = object(TransactionRequestTest.RANDOM_0_LEGACY);
        ((ObjectNode) body.get("transaction")).put("chainId", "18446744073709551615");
        BigInteger v = new BigInteger("18446744073709551615").shiftLeft(1).add(BigInteger.valueOf(35));
        SignatureResponse response = SignatureResponses.from(parse(body), transaction(LEGACY_R, LEGACY_S, 0, v, LEGACY_RAW));
        assertTrue(MAPPER.writeValueAsString(response).contains("\"v\":\"36893488147419103265\""));
        SignatureResponse.Signature safe = new SignatureResponse.Signature("0x", "0x", EthFormats.MAX_SAFE_JSON_INTEGER, 0);
        assertTrue(MAPPER.writeValueAsString(safe).contains("\"v\":9007199254740991,"));
    }

    @Test
    void typedTransactionResponse_rendersVAsYParity_likeJsonRpc() throws Exception {
        SignatureResponse response = SignatureResponses.from(eip1559Request(),
                transaction(LONDON_R, LONDON_S, 0, BigInteger.valueOf(27), LONDON_RAW));
        assertEquals(BigInteger.ZERO, response.signature().v());
        assertEquals(0, response.signature().yParity());
        assertEquals(SignatureType.EIP1559_TRANSACTION, response.type());
        String json = MAPPER.writeValueAsString(response);
        assertTrue(json.startsWith("{\"type\":\"eip1559_transaction\",\"signature\":{\"r\":\"0xf1003f96"));
        assertTrue(json.contains("\"v\":0,\"yParity\":0}"));
        assertFalse(json.contains("messageHash"));
    }

    @Test
    void typedDataResponse_hasV27Or28_andTheMessageHash_only() throws Exception {
        SignatureResponse response = SignatureResponses.from(typedDataRequest(),
                new SignResponse(MAIL_R, MAIL_S, 1, BigInteger.valueOf(28), null, null, MAIL_DIGEST));
        assertEquals("{\"type\":\"eip712_typed_data\",\"signature\":{\"r\":\"0x" + hexOf(MAIL_R) + "\",\"s\":\"0x"
                + hexOf(MAIL_S) + "\",\"v\":28,\"yParity\":1},\"messageHash\":\"0x" + hexOf(MAIL_DIGEST) + "\"}",
                MAPPER.writeValueAsString(response));
    }

    @Test
    void signatureWords_areZeroPaddedTo32Bytes() {
        byte[] r = new byte[32];
        r[31] = 1;
        SignatureResponse response = SignatureResponses.from(typedDataRequest(),
                new SignResponse(r, MAIL_S, 0, BigInteger.valueOf(27), null, null, MAIL_DIGEST));
        assertEquals("0x" + "0".repeat(63) + "1", response.signature().r());
    }

    @Test
    void responseWithAHighOrZeroScalar_isRejected() {
        BigInteger n = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
        byte[] highS = toWord(n.subtract(new BigInteger(1, MAIL_S)));
        assertBroken(typedDataRequest(), new SignResponse(MAIL_R, highS, 1, BigInteger.valueOf(28), null, null, MAIL_DIGEST));
        assertBroken(typedDataRequest(), new SignResponse(new byte[32], MAIL_S, 1, BigInteger.valueOf(28), null, null,
                MAIL_DIGEST));
        assertBroken(typedDataRequest(), new SignResponse(toWord(n), MAIL_S, 1, BigInteger.valueOf(28), null, null,
                MAIL_DIGEST));
    }

    @Test
    void responseWithAVForAnotherChainOrParity_isRejected() {
        assertBroken(legacyRequest(), transaction(LEGACY_R, LEGACY_S, 1, BigInteger.valueOf(28), LEGACY_RAW));
        assertBroken(legacyRequest(), transaction(LEGACY_R, LEGACY_S, 0,
                CHAIN_ID.shiftLeft(1).add(BigInteger.valueOf(36)), LEGACY_RAW));
        assertBroken(eip1559Request(), transaction(LONDON_R, LONDON_S, 0, BigInteger.ZERO, LONDON_RAW));
        assertBroken(typedDataRequest(), new SignResponse(MAIL_R, MAIL_S, 2, BigInteger.valueOf(29), null, null, MAIL_DIGEST));
    }

    @Test
    void transactionResponse_withAWrongHashEnvelopeOrMissingBytes_isRejected() {
        assertBroken(eip1559Request(), new SignResponse(LONDON_R, LONDON_S, 0, BigInteger.valueOf(27), LONDON_RAW,
                MAIL_DIGEST, null));
        assertBroken(eip1559Request(), transaction(LONDON_R, LONDON_S, 0, BigInteger.valueOf(27), LEGACY_RAW));
        assertBroken(eip1559Request(), new SignResponse(LONDON_R, LONDON_S, 0, BigInteger.valueOf(27), null, null,
                MAIL_DIGEST));
        assertBroken(eip1559Request(), new SignResponse(LONDON_R, LONDON_S, 0, BigInteger.valueOf(27), LONDON_RAW,
                EthFormats.keccak256(LONDON_RAW), MAIL_DIGEST));
    }

    @Test
    void messageResponse_carryingATransaction_orNoHash_isRejected() {
        assertBroken(typedDataRequest(), transaction(MAIL_R, MAIL_S, 1, BigInteger.valueOf(28), LONDON_RAW));
        assertBroken(typedDataRequest(), new SignResponse(MAIL_R, MAIL_S, 1, BigInteger.valueOf(28), null, null, null));
        assertBroken(typedDataRequest(), new SignResponse(MAIL_R, MAIL_S, 1, BigInteger.valueOf(28), null, null,
                new byte[31]));
    }

    private static void assertBroken(SigningRequest request, SignResponse response) {
        var e = assertThrows(IllegalStateException.class, () -> SignatureResponses.from(request, response));
        assertTrue(e.getMessage().startsWith("The signer's response failed a check"));
    }

    private static String hexOf(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static byte[] toWord(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] word = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, word, 32 - len, len);
        return word;
    }
}
