package io.custody.enclave.internal;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256). BouncyCastle's
 * {@link KeccakDigest}; one digest per thread, reset after every use.
 */
public final class Keccak {

    private static final ThreadLocal<KeccakDigest> DIGEST =
            ThreadLocal.withInitial(() -> new KeccakDigest(256));

    private Keccak() {}

    public static byte[] keccak256(byte[] input) {
        return keccak256(input, 0, input.length);
    }

    public static byte[] keccak256(byte[] input, int offset, int length) {
        KeccakDigest d = DIGEST.get();
        d.update(input, offset, length);
        byte[] out = new byte[32];
        d.doFinal(out, 0); // doFinal resets the digest
        return out;
    }

    /** Keccak-256 of the concatenation of {@code parts}. */
    public static byte[] keccak256(byte[]... parts) {
        KeccakDigest d = DIGEST.get();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
