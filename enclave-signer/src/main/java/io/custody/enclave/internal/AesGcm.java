package io.custody.enclave.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag, through the JCA (AES-NI where available).
 * Associated data is a required parameter. One instance holds one key and one {@link Cipher}; it is
 * not thread-safe, and a batch reuses it for thousands of encryptions under fresh nonces.
 *
 * <p>Limitation, written down rather than hidden: the JCA copies the key into {@link SecretKeySpec}
 * and into the cipher's key schedule, and neither can be wiped from outside the JDK
 * ({@code SecretKeySpec} has no public destroy). Instances are short-lived (one wrap, one unwrap or
 * one batch) so these copies become garbage immediately; the caller's DEK itself is wiped by its
 * {@code SecretBytes}.
 */
public final class AesGcm {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private final SecretKeySpec key;
    private final Cipher cipher;

    /** Thrown when the tag does not verify (wrong key, nonce, associated data or a changed byte). */
    public static final class TagMismatchException extends Exception {
        private static final long serialVersionUID = 1L;

        TagMismatchException() {
            super("AES-GCM tag mismatch", null, false, false);
        }
    }

    /** @param key exactly 32 bytes (AES-256); copied by the JCA, see the class comment */
    public AesGcm(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key");
        }
        try {
            this.key = new SecretKeySpec(key, "AES");
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding unavailable", e);
        }
    }

    /** {@code ciphertext || tag}. The nonce must never repeat under this key: callers draw it at random. */
    public byte[] seal(byte[] nonce, byte[] plaintext, byte[] associatedData) {
        init(Cipher.ENCRYPT_MODE, nonce);
        try {
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Opens {@code ciphertext || tag} into a fresh array (the caller owns and wipes it).
     *
     * @throws TagMismatchException when authentication fails; nothing is returned in that case
     */
    public byte[] open(byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws TagMismatchException {
        if (ciphertextAndTag.length < TAG_BYTES) {
            throw new TagMismatchException();
        }
        init(Cipher.DECRYPT_MODE, nonce);
        try {
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new TagMismatchException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private void init(int mode, byte[] nonce) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("AES-GCM nonce must be 12 bytes");
        }
        try {
            cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("AES-GCM init failed", e);
        }
    }
}
