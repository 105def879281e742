package io.custody.enclave.server;

import io.custody.attestation.kms.RecipientEnvelope;
import io.custody.attestation.kms.RecipientEnvelope.EnvelopeException;
import io.custody.enclave.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The enclave's ephemeral RSA-2048 recipient key: KMS encrypts key material to it
 * ({@code CiphertextForRecipient}), and its public key is in every attestation document the enclave
 * sends with a KMS request. One key pair per process, replaced by {@link #rotate()} on a schedule
 * in the background (generation takes ~80 ms; never on the request path).
 *
 * <p>A request takes the current key with {@link #current()} and opens the answer with
 * {@link #open}. The key before the current one stays valid, so a request that straddles a
 * rotation still succeeds; a key two rotations old is refused — it bounds how long a recipient
 * private key can open envelopes (at most two rotation periods). The private key never leaves this
 * class: there is no accessor for it.
 */
final class RecipientKeys {

    static final int RSA_BITS = 2048;

    /** One generation of the recipient key: its public key (DER SPKI) goes into attestation documents. */
    static final class RecipientKey {
        private final long generation;
        private final KeyPair pair;
        private final byte[] spki;

        private RecipientKey(long generation, KeyPair pair) {
            this.generation = generation;
            this.pair = pair;
            this.spki = pair.getPublic().getEncoded();
        }

        long generation() {
            return generation;
        }

        /** The DER SubjectPublicKeyInfo, for the attestation document's {@code public_key}. */
        byte[] spki() {
            return spki.clone();
        }

        @Override
        public String toString() {
            return "RecipientKey[generation=" + generation + ", privateKey=<redacted>]";
        }
    }

    /** The answer was encrypted to a recipient key that has since been retired. */
    static final class RetiredKeyException extends Exception {
        RetiredKeyException(long generation) {
            super("recipient key generation " + generation + " has been retired", null, false, false);
        }
    }

    private final SecureRandom random;
    private volatile RecipientKey current;
    private volatile RecipientKey previous;

    RecipientKeys(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        this.current = generate(1);
    }

    RecipientKey current() {
        return current;
    }

    /** Makes a new key current and keeps the old one as the previous key. */
    void rotate() {
        RecipientKey fresh = generate(current.generation + 1); // outside the lock: ~80 ms
        synchronized (this) {
            previous = current;
            current = fresh;
        }
    }

    /**
     * Opens a {@code CiphertextForRecipient} that KMS encrypted to {@code key}; the plaintext is
     * returned as a secret the caller closes.
     *
     * @throws RetiredKeyException if {@code key} is neither the current nor the previous key
     * @throws EnvelopeException   if the envelope is malformed, uses other algorithms, or does not open
     */
    SecretBytes open(RecipientKey key, byte[] envelope) throws RetiredKeyException, EnvelopeException {
        if (key != current && key != previous) {
            throw new RetiredKeyException(key.generation);
        }
        return SecretBytes.takeOwnership(RecipientEnvelope.open(envelope, key.pair.getPrivate()));
    }

    /** TEST ONLY: the PKCS#8 encoding of the current private key, for the secret-hygiene test. */
    byte[] currentPrivateKeyForTestOnly() {
        return current.pair.getPrivate().getEncoded();
    }

    private RecipientKey generate(long generation) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return new RecipientKey(generation, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the RSA recipient key", e);
        }
    }
}
