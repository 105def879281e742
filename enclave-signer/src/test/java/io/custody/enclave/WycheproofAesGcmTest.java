package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.custody.enclave.internal.AesGcm;
import io.custody.enclave.internal.Hex;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code aes_gcm_test.json} through {@link AesGcm}, the primitive under the key wrap.
 * Groups with a 256-bit key, 96-bit IV and 128-bit tag run in full (encrypt and decrypt). Every
 * other group must be refused by the primitive's parameter checks: it does only AES-256 with
 * 12-byte nonces, which is all the key wrap uses.
 */
class WycheproofAesGcmTest {

    private static final String FILE = "wycheproof/aes_gcm_test.json";

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases(boolean supported) {
        Map<String, Object> doc = Vectors.readObject(FILE);
        return ((List<Map<String, Object>>) doc.get("testGroups")).stream()
                .filter(g -> isSupported(g) == supported)
                .flatMap(g -> ((List<Map<String, Object>>) g.get("tests")).stream()
                        .map(t -> Arguments.of(g.get("keySize") + "/" + g.get("ivSize") + " #" + t.get("tcId")
                                + " " + t.get("comment"), t)));
    }

    static Stream<Arguments> supportedCases() {
        return cases(true);
    }

    static Stream<Arguments> unsupportedCases() {
        return cases(false);
    }

    private static boolean isSupported(Map<String, Object> group) {
        return ((Number) group.get("keySize")).intValue() == 256 && ((Number) group.get("ivSize")).intValue() == 96
                && ((Number) group.get("tagSize")).intValue() == 128;
    }

    @Test
    void vectorFile_has66CasesForAes256With96BitNonce() {
        assertEquals(66, supportedCases().count());
        assertEquals(316, supportedCases().count() + unsupportedCases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedCases")
    void sealAndOpen_honourWycheproofResult(String name, Map<String, Object> t) {
        byte[] key = hex(t, "key");
        byte[] iv = hex(t, "iv");
        byte[] aad = hex(t, "aad");
        byte[] msg = hex(t, "msg");
        byte[] ctAndTag = concat(hex(t, "ct"), hex(t, "tag"));
        switch ((String) t.get("result")) {
            case "valid" -> {
                assertArrayEquals(ctAndTag, new AesGcm(key).seal(iv, msg, aad), "seal");
                try {
                    assertArrayEquals(msg, new AesGcm(key).open(iv, ctAndTag, aad), "open");
                } catch (AesGcm.TagMismatchException e) {
                    fail("valid ciphertext refused");
                }
            }
            case "invalid" -> assertThrows(AesGcm.TagMismatchException.class,
                    () -> new AesGcm(key).open(iv, ctAndTag, aad));
            default -> fail("unexpected result " + t.get("result"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedCases")
    void otherKeyOrNonceSizes_areRefusedByParameterChecks(String name, Map<String, Object> t) {
        byte[] key = hex(t, "key");
        byte[] iv = hex(t, "iv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AesGcm(key).open(iv, concat(hex(t, "ct"), hex(t, "tag")), hex(t, "aad")));
        assertTrue(e.getMessage().contains("32-byte key") || e.getMessage().contains("12 bytes"), e.getMessage());
    }

    private static byte[] hex(Map<String, Object> t, String field) {
        return Hex.decode((String) t.get(field));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
