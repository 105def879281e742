package io.custody.attestation.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.custody.attestation.TestVectors;
import io.custody.attestation.kms.RecipientEnvelope.EnvelopeException;
import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientEnvelopeTest {
    private static KeyPair enclaveKey;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        enclaveKey = generator.generateKeyPair();
    }

    private static byte[] vector(String name) throws IOException {
        return Files.readAllBytes(TestVectors.sharedDir().resolve("vectors/kms-recipient/" + name));
    }

    private static byte[] hex(String name) throws IOException {
        return HexFormat.of().parseHex(new String(vector(name)).trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kms-cfr-1", "kms-cfr-1-ctx"})
    void inspect_readsRealKmsOutput_fieldForField(String sample) throws Exception {
        RecipientEnvelope.Inspection inspection = RecipientEnvelope.inspect(vector(sample + ".ber"));
        assertArrayEquals(hex(sample + ".encrypted-key.hex"), inspection.encryptedKey());
        assertArrayEquals(hex(sample + ".iv.hex"), inspection.iv());
        assertArrayEquals(hex(sample + ".ciphertext.hex"), inspection.encryptedContent());
    }

    @Test
    void inspect_acceptsTheThirdRealSample() throws Exception {
        RecipientEnvelope.Inspection inspection = RecipientEnvelope.inspect(vector("kms-cfr-2.ber"));
        assertEquals(256, inspection.encryptedKey().length);
        assertEquals(16, inspection.iv().length);
    }

    @Test
    void open_withTheRealSamples_failsWithoutTheirPrivateKey() throws Exception {
        byte[] real = vector("kms-cfr-1.ber");
        assertThrows(EnvelopeException.class, () -> RecipientEnvelope.open(real, enclaveKey.getPrivate()));
    }

    @Test
    void seal_thenOpen_returnsThePlaintext() throws Exception {
        byte[] dek = new byte[32];
        new Random(1).nextBytes(dek);
        byte[] envelope = RecipientEnvelope.seal(dek, (RSAPublicKey) enclaveKey.getPublic());
        assertArrayEquals(dek, RecipientEnvelope.open(envelope, enclaveKey.getPrivate()));
        assertEquals(48, RecipientEnvelope.inspect(envelope).encryptedContent().length, "AES-CBC pads 32 bytes to 48");
    }

    @Test
    void seal_matchesTheStructureOfRealKmsOutput() throws Exception {
        byte[] ours = RecipientEnvelope.seal(new byte[32], (RSAPublicKey) enclaveKey.getPublic());
        byte[] real = vector("kms-cfr-1.ber");
        assertEquals(real.length, ours.length, "same structure, same lengths as the 493-byte real sample");
        assertArrayEquals(java.util.Arrays.copyOf(real, 20), java.util.Arrays.copyOf(ours, 20), "same BER headers");
    }

    @Test
    void open_refusesAnotherRecipientsKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] envelope = RecipientEnvelope.seal(new byte[32], (RSAPublicKey) generator.generateKeyPair().getPublic());
        assertThrows(EnvelopeException.class, () -> RecipientEnvelope.open(envelope, enclaveKey.getPrivate()));
    }

    @Test
    void open_refusesAlteredContent() throws Exception {
        byte[] envelope = RecipientEnvelope.seal(new byte[32], (RSAPublicKey) enclaveKey.getPublic());
        for (int i = envelope.length - 40; i < envelope.length - 4; i += 3) {
            byte[] altered = envelope.clone();
            altered[i] ^= 0x01;
            try {
                byte[] opened = RecipientEnvelope.open(altered, enclaveKey.getPrivate());
                // CBC without a MAC can decrypt an altered block to garbage with valid padding: never the original.
                assertEquals(false, java.util.Arrays.equals(new byte[32], opened), "byte " + i);
            } catch (EnvelopeException expected) {
                // the usual outcome: bad padding or broken structure
            }
        }
    }

    @Test
    void inspect_refusesGarbage() {
        assertThrows(EnvelopeException.class, () -> RecipientEnvelope.inspect(new byte[] {0x30, (byte) 0x80, 0, 0}));
        assertThrows(EnvelopeException.class, () -> RecipientEnvelope.inspect(new byte[0]));
    }
}
