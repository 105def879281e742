package io.custody.enclave;

import io.custody.enclave.internal.Hex;
import io.custody.enclave.internal.Keccak;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 20-byte Ethereum address: the last 20 bytes of Keccak-256 of the 64-byte public key (x || y).
 * Prints with the EIP-55 mixed-case checksum.
 */
public final class EthAddress {

    public static final int LENGTH = 20;

    private final byte[] bytes;

    private EthAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Exactly 20 bytes, copied. */
    public static EthAddress of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new InvalidPayloadException("address must be 20 bytes");
        }
        return new EthAddress(bytes.clone());
    }

    /**
     * Parses {@code 0x} + 40 hex digits. All-lower-case and all-upper-case are accepted as they are;
     * mixed case must be a correct EIP-55 checksum (a wrong one is usually a typo, so it is refused).
     */
    public static EthAddress parse(String text) {
        if (text == null || text.length() != 2 + 2 * LENGTH) {
            throw new InvalidPayloadException("address must be 0x followed by 40 hex digits");
        }
        EthAddress address = new EthAddress(Hex.decode0x(text, "address"));
        String digits = text.substring(2);
        boolean mixedCase = !digits.equals(digits.toLowerCase()) && !digits.equals(digits.toUpperCase());
        if (mixedCase && !address.toChecksumString().substring(2).equals(digits)) {
            throw new InvalidPayloadException("address has an invalid EIP-55 checksum");
        }
        return address;
    }

    /** The address of an uncompressed SEC1 public key ({@code 04 || x || y}, 65 bytes). */
    public static EthAddress fromUncompressedPublicKey(byte[] uncompressed) {
        if (uncompressed.length != 65 || uncompressed[0] != 0x04) {
            throw new IllegalArgumentException("expected a 65-byte uncompressed public key");
        }
        byte[] hash = Keccak.keccak256(uncompressed, 1, 64);
        return new EthAddress(Arrays.copyOfRange(hash, 12, 32));
    }

    /** A copy of the 20 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** True when {@code other} holds the same 20 bytes (constant time). */
    public boolean matches(byte[] other) {
        return MessageDigest.isEqual(bytes, other);
    }

    /**
     * EIP-55: hex digit i is upper-cased when nibble i of Keccak-256(lower-case hex) is 8 or more.
     */
    public String toChecksumString() {
        String lower = Hex.encode(bytes);
        byte[] hash = Keccak.keccak256(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder(2 + lower.length()).append("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            sb.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toChecksumString();
    }
}
