package io.custody.enclave;

import java.util.Arrays;

/**
 * A secp256k1 public key, kept in SEC1 uncompressed form. Public: it may leave the enclave.
 */
public final class Secp256k1PublicKey {

    private final byte[] uncompressed;
    private final byte[] compressed;
    private final EthAddress address;

    Secp256k1PublicKey(byte[] uncompressed) {
        if (uncompressed.length != 65 || uncompressed[0] != 0x04) {
            throw new IllegalArgumentException("expected a 65-byte uncompressed public key");
        }
        this.uncompressed = uncompressed.clone();
        this.compressed = new byte[33];
        this.compressed[0] = (byte) ((uncompressed[64] & 1) == 0 ? 0x02 : 0x03);
        System.arraycopy(uncompressed, 1, this.compressed, 1, 32);
        this.address = EthAddress.fromUncompressedPublicKey(uncompressed);
    }

    /** {@code 04 || x || y}, 65 bytes. */
    public byte[] uncompressed() {
        return uncompressed.clone();
    }

    /** {@code 02|03 || x}, 33 bytes. */
    public byte[] compressed() {
        return compressed.clone();
    }

    /** The Ethereum address of this key. */
    public EthAddress address() {
        return address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secp256k1PublicKey other && Arrays.equals(uncompressed, other.uncompressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(uncompressed);
    }

    @Override
    public String toString() {
        return "Secp256k1PublicKey[" + address + "]";
    }
}
