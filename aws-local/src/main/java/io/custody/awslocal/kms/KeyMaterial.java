package io.custody.awslocal.kms;

import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The 256-bit AES backing key of a KMS key. Prints as {@code <redacted>}. */
final class KeyMaterial {

    static final int BYTES = 32;

    private final byte[] bytes;

    private KeyMaterial(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("key material must be 32 bytes");
        }
        this.bytes = bytes.clone();
    }

    static KeyMaterial generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new KeyMaterial(bytes);
    }

    static KeyMaterial fromJournal(byte[] bytes) {
        return new KeyMaterial(bytes);
    }

    /** The raw bytes, for the journal only (the emulator stores key material in its data dir in the clear). */
    byte[] exportForJournal() {
        return bytes.clone();
    }

    SecretKey aesKey() {
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
