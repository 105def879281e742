package io.custody.enclave;

import java.lang.ref.Cleaner;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret key material (account private keys, tenant DEKs) that wipes itself.
 *
 * <ul>
 *   <li>{@link #close()} overwrites the bytes with zeros; afterwards every access throws. Use it in
 *       try-with-resources so that wiping is in the structure, not in each error branch.
 *   <li>{@link #toString()} prints {@code <redacted>}; there is no {@code equals} on content.
 *   <li>The raw bytes are reachable only through {@link #unsafeBytes()}, named so that every use
 *       can be found by search and reviewed.
 *   <li>If an instance is forgotten, a {@link Cleaner} wipes it when it becomes unreachable (a
 *       backstop, not a substitute for {@code close()}).
 * </ul>
 *
 * <p>Not serializable. Thread-safe for concurrent reads; closing while another thread reads is a bug
 * in the caller (the reader may see zeros, never another secret).
 */
public final class SecretBytes implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final byte[] bytes;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean destroyed;

    private SecretBytes(byte[] owned) {
        this.bytes = owned;
        this.cleanable = CLEANER.register(this, new Wipe(owned));
    }

    /** Copies {@code source}; the caller remains responsible for wiping its own array. */
    public static SecretBytes copyOf(byte[] source) {
        Objects.requireNonNull(source, "source");
        return new SecretBytes(source.clone());
    }

    /**
     * Takes ownership of {@code owned} without copying it: the caller must not read, write or keep
     * the array afterwards. Used where a secret is produced into a fresh array (a decryption, a
     * random draw) so that no unwiped copy is left behind.
     */
    public static SecretBytes takeOwnership(byte[] owned) {
        return new SecretBytes(Objects.requireNonNull(owned, "owned"));
    }

    /** {@code length} fresh bytes from {@code random}, e.g. a new AES-256 DEK in tests. */
    public static SecretBytes random(int length, SecureRandom random) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive");
        }
        byte[] b = new byte[length];
        random.nextBytes(b);
        return new SecretBytes(b);
    }

    /** Number of secret bytes. Public: lengths are not secret. */
    public int length() {
        return bytes.length;
    }

    /**
     * The live backing array, not a copy: do not modify it, do not keep a reference after the call
     * that needed it, never log or return it. It is zeroed by {@link #close()}.
     *
     * @throws IllegalStateException if this secret has been closed
     */
    public byte[] unsafeBytes() {
        if (destroyed) {
            throw new IllegalStateException("secret has been closed");
        }
        return bytes;
    }

    /** True once {@link #close()} has run (or the cleaner wiped an unreachable instance). */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Zeroes the bytes. Idempotent. */
    @Override
    public void close() {
        destroyed = true;
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "<redacted>";
    }

    /** Holds only the array (never {@code this}), so the owner can become unreachable. */
    private record Wipe(byte[] target) implements Runnable {
        @Override
        public void run() {
            Arrays.fill(target, (byte) 0);
        }

        @Override
        public String toString() {
            return "<redacted>";
        }
    }
}
