package io.custody.enclave;

import io.custody.enclave.internal.Hex;
import java.util.Arrays;

/**
 * A checked secp256k1 ECDSA signature: canonical low-S, with the recovery id (y parity of R) that
 * the enclave verified by recovering the signer's address.
 *
 * @param r        32 bytes, big-endian
 * @param s        32 bytes, big-endian, at most n/2
 * @param yParity  0 or 1
 */
public record EcdsaSignature(byte[] r, byte[] s, int yParity) {

    public EcdsaSignature {
        if (r == null || r.length != 32 || s == null || s.length != 32) {
            throw new IllegalArgumentException("r and s must be 32 bytes");
        }
        if (yParity != 0 && yParity != 1) {
            throw new IllegalArgumentException("yParity must be 0 or 1");
        }
        r = r.clone();
        s = s.clone();
    }

    @Override
    public byte[] r() {
        return r.clone();
    }

    @Override
    public byte[] s() {
        return s.clone();
    }

    /** {@code r || s || v} with {@code v = 27 + yParity}: the 65-byte form wallets return for messages. */
    public byte[] toRsv() {
        byte[] out = Arrays.copyOf(r, 65);
        System.arraycopy(s, 0, out, 32, 32);
        out[64] = (byte) (27 + yParity);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcdsaSignature other
                && Arrays.equals(r, other.r) && Arrays.equals(s, other.s) && yParity == other.yParity;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(r) + Arrays.hashCode(s)) + yParity;
    }

    @Override
    public String toString() {
        return "EcdsaSignature[r=" + Hex.encode0x(r) + ", s=" + Hex.encode0x(s) + ", yParity=" + yParity + "]";
    }
}
