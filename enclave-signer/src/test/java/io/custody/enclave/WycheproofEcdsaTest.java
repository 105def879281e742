package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.custody.enclave.internal.Hex;
import io.custody.enclave.internal.Secp256k1Engine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code ecdsa_secp256k1_sha256_bitcoin_test.json} through the enclave's verification
 * path: SHA-256 of the message (the file's {@code sha}), strict DER parsing, libsecp256k1 verify
 * with the low-S rule.
 *
 * <p>{@code acceptable} cases: this file has none. Were one added, it is run and must not throw;
 * its outcome is whatever libsecp256k1 decides (strict DER, low-S), and the test prints it.
 */
class WycheproofEcdsaTest {

    private static final String FILE = "wycheproof/ecdsa_secp256k1_sha256_bitcoin_test.json";

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() {
        Map<String, Object> doc = Vectors.readObject(FILE);
        return ((List<Map<String, Object>>) doc.get("testGroups")).stream().flatMap(group -> {
            assertEquals("SHA-256", group.get("sha"));
            String pub = (String) ((Map<String, Object>) group.get("publicKey")).get("uncompressed");
            return ((List<Map<String, Object>>) group.get("tests")).stream()
                    .map(t -> Arguments.of(t.get("tcId") + " " + t.get("comment"), pub, t));
        });
    }

    @Test
    void vectorFile_hasAll463Cases() {
        assertEquals(463, cases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_honoursWycheproofResult(String name, String publicKeyHex, Map<String, Object> test)
            throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Hex.decode((String) test.get("msg")));
        byte[] compact = Secp256k1Engine.derToCompact(Hex.decode((String) test.get("sig")));
        boolean verified = compact.length == 64 && Secp256k1Engine.verify(compact, hash, Hex.decode(publicKeyHex));
        switch ((String) test.get("result")) {
            case "valid" -> assertEquals(true, verified, "valid signature must verify");
            case "invalid" -> assertEquals(false, verified, "invalid signature must be rejected");
            case "acceptable" -> System.out.println("acceptable case " + name + ": verified=" + verified);
            default -> fail("unknown result " + test.get("result"));
        }
    }
}
