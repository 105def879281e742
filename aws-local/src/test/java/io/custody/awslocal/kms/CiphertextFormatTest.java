package io.custody.awslocal.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CiphertextFormatTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void encryptionContextEncoding_isUnambiguous_whereConcatenationIsNot() {
        assertFalse(Arrays.equals(EncryptionContextCodec.canonical(Map.of("ab", "c")),
                EncryptionContextCodec.canonical(Map.of("a", "bc"))));
        assertFalse(Arrays.equals(EncryptionContextCodec.canonical(Map.of("a", "")),
                EncryptionContextCodec.canonical(Map.of())));
    }

    @Test
    void encryptionContextEncoding_ignoresMapOrder() {
        var ordered = new java.util.LinkedHashMap<String, String>();
        ordered.put("z", "1");
        ordered.put("a", "2");
        assertArrayEquals(EncryptionContextCodec.canonical(Map.of("a", "2", "z", "1")), EncryptionContextCodec.canonical(ordered));
    }

    @Test
    void blob_carriesTheKeyId_andOpensOnlyWithTheSameKeyAndContext() {
        String keyId = UUID.randomUUID().toString();
        KeyMaterial material = KeyMaterial.generate(RANDOM);
        byte[] blob = CiphertextFormat.seal(keyId, material, "pt".getBytes(StandardCharsets.UTF_8), Map.of("k", "v"), RANDOM);
        CiphertextFormat.Parsed parsed = CiphertextFormat.parse(blob);
        assertEquals(keyId, parsed.keyId());
        assertArrayEquals("pt".getBytes(StandardCharsets.UTF_8), CiphertextFormat.open(parsed, material, Map.of("k", "v")));

        KmsException wrongKey = assertThrows(KmsException.class,
                () -> CiphertextFormat.open(parsed, KeyMaterial.generate(RANDOM), Map.of("k", "v")));
        assertEquals(KmsError.INVALID_CIPHERTEXT, wrongKey.error());
        assertThrows(KmsException.class, () -> CiphertextFormat.open(parsed, material, Map.of()));
        assertThrows(KmsException.class, () -> CiphertextFormat.parse(Arrays.copyOf(blob, 20)));
    }

    @Test
    void keyMaterial_neverPrintsItsBytes() {
        assertEquals("<redacted>", KeyMaterial.generate(RANDOM).toString());
    }
}
