package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.kms.RecipientEnvelope;
import io.custody.attestation.simulated.SimulatedNsm;
import io.custody.enclave.SecretBytes;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecipientKeysTest {

    private static RSAPublicKey publicKey(RecipientKeys.RecipientKey key) throws Exception {
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key.spki()));
    }

    @Test
    void recipientKey_isRsa2048() throws Exception {
        RecipientKeys keys = new RecipientKeys(new SecureRandom());
        assertEquals(2048, publicKey(keys.current()).getModulus().bitLength());
    }

    @Test
    void envelope_opensWithTheKeyItWasSealedTo() throws Exception {
        RecipientKeys keys = new RecipientKeys(new SecureRandom());
        RecipientKeys.RecipientKey key = keys.current();
        byte[] dek = new byte[32];
        new SecureRandom().nextBytes(dek);
        try (SecretBytes opened = keys.open(key, RecipientEnvelope.seal(dek, publicKey(key)))) {
            assertArrayEquals(dek, opened.unsafeBytes());
        }
    }

    @Test
    void callStraddlingOneRotation_stillOpens_butAKeyTwoRotationsOld_isRetired() throws Exception {
        RecipientKeys keys = new RecipientKeys(new SecureRandom());
        RecipientKeys.RecipientKey inFlight = keys.current();
        byte[] envelope = RecipientEnvelope.seal(new byte[32], publicKey(inFlight));
        keys.rotate();
        assertNotEquals(inFlight.generation(), keys.current().generation());
        keys.open(inFlight, envelope).close();
        keys.rotate();
        assertThrows(RecipientKeys.RetiredKeyException.class, () -> keys.open(inFlight, envelope));
    }

    @Test
    void envelopeSealedToAnotherKey_doesNotOpen() throws Exception {
        RecipientKeys keys = new RecipientKeys(new SecureRandom());
        RecipientKeys other = new RecipientKeys(new SecureRandom());
        byte[] envelope = RecipientEnvelope.seal(new byte[32], publicKey(other.current()));
        assertThrows(RecipientEnvelope.EnvelopeException.class, () -> keys.open(keys.current(), envelope));
    }

    @Test
    void signer_rotatesTheRecipientKeyInTheBackground() throws Exception {
        ServerOptions base = SignerFixture.options(Optional.empty(), ServerOptions.DEFAULT_DEK_CACHE_TTL, 10, 1);
        ServerOptions options = new ServerOptions(base.host(), base.port(), base.nsm(), base.simulatedRootDir(),
                base.pcrs(), base.kmsEndpoint(), base.region(), base.dekCacheTtl(), base.dekCacheMaxUses(),
                Duration.ofSeconds(1), base.workers(), base.maxFrame());
        try (SignerServer server = SignerServer.start(options,
                SimulatedNsm.builder().pcr(0, SignerFixture.randomPcr0()).build())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.recipientKeys().current().generation() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(server.recipientKeys().current().generation() >= 3, "rotated at least twice");
        }
    }
}
