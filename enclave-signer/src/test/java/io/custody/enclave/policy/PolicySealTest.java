package io.custody.enclave.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PolicySealTest {
    private static final UUID TENANT = UUID.fromString("01a2349e-b6ac-722f-9bc5-e8949817f474");
    private static final byte[] DOCUMENT = "{\"rules\":[{\"id\":\"a\",\"effect\":\"ALLOW\"}]}".getBytes(StandardCharsets.UTF_8);

    private static SecretBytes dek(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return SecretBytes.takeOwnership(key);
    }

    /** RFC 5869, test case 3 (SHA-256, empty salt and info): the first 32 bytes of its OKM. */
    @Test
    void hkdf_matchesRfc5869TestCase3() {
        byte[] ikm = new byte[22];
        java.util.Arrays.fill(ikm, (byte) 0x0b);
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d",
                HexFormat.of().formatHex(PolicySeal.hkdfSha256(ikm, new byte[0])));
    }

    @Test
    void aSeal_verifiesOnlyForItsTenantVersionDocumentAndDek() {
        try (SecretBytes dek = dek(7); SecretBytes otherDek = dek(8)) {
            byte[] seal = PolicySeal.seal(dek, TENANT, 2, DOCUMENT);
            assertEquals(PolicySeal.LENGTH, seal.length);
            assertArrayEquals(seal, PolicySeal.seal(dek, TENANT, 2, DOCUMENT.clone()), "deterministic");

            assertTrue(PolicySeal.verify(dek, TENANT, 2, DOCUMENT, seal));
            assertFalse(PolicySeal.verify(dek, UUID.randomUUID(), 2, DOCUMENT, seal), "another tenant");
            assertFalse(PolicySeal.verify(dek, TENANT, 3, DOCUMENT, seal), "another version");
            byte[] altered = DOCUMENT.clone();
            altered[altered.length - 3] ^= 1;
            assertFalse(PolicySeal.verify(dek, TENANT, 2, altered, seal), "one bit of the document");
            assertFalse(PolicySeal.verify(otherDek, TENANT, 2, DOCUMENT, seal), "another DEK");
            assertFalse(PolicySeal.verify(dek, TENANT, 2, DOCUMENT, new byte[32]), "zeros");
            assertFalse(PolicySeal.verify(dek, TENANT, 2, DOCUMENT, null), "none");
        }
    }
}
