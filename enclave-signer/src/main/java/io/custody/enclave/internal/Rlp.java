package io.custody.enclave.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;

/**
 * A recursive-length-prefix encoder: strings, non-negative integers (big-endian, no leading zeros,
 * zero as the empty string) and lists. Encoding only: the enclave never parses RLP, it builds it
 * from structured fields (invariant 4). Small enough to check against the Ethereum yellow paper,
 * appendix B, in one sitting.
 */
public final class Rlp {

    private static final byte[] EMPTY_STRING = {(byte) 0x80};

    private Rlp() {}

    /** A byte string item. */
    public static byte[] string(byte[] value) {
        if (value.length == 1 && (value[0] & 0xff) < 0x80) {
            return new byte[] {value[0]};
        }
        return withHeader(0x80, value, 0, value.length);
    }

    /** A non-negative integer given as unsigned big-endian bytes (leading zeros are stripped). */
    public static byte[] unsigned(byte[] bigEndian) {
        int from = 0;
        while (from < bigEndian.length && bigEndian[from] == 0) {
            from++;
        }
        int len = bigEndian.length - from;
        if (len == 0) {
            return EMPTY_STRING.clone();
        }
        if (len == 1 && (bigEndian[from] & 0xff) < 0x80) {
            return new byte[] {bigEndian[from]};
        }
        return withHeader(0x80, bigEndian, from, len);
    }

    /** A non-negative integer. */
    public static byte[] unsigned(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP integers are non-negative");
        }
        return unsigned(value.toByteArray());
    }

    /** A non-negative integer. */
    public static byte[] unsigned(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("RLP integers are non-negative");
        }
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return unsigned(b);
    }

    /** A list of already-encoded items. */
    public static byte[] list(List<byte[]> encodedItems) {
        int total = 0;
        for (byte[] item : encodedItems) {
            total += item.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(total + 9);
        writeHeader(out, 0xc0, total);
        for (byte[] item : encodedItems) {
            out.writeBytes(item);
        }
        return out.toByteArray();
    }

    private static byte[] withHeader(int base, byte[] payload, int from, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 9);
        writeHeader(out, base, len);
        out.write(payload, from, len);
        return out.toByteArray();
    }

    /** Short form below 56 bytes; otherwise base + 55 + length-of-length, then the length. */
    private static void writeHeader(ByteArrayOutputStream out, int base, int len) {
        if (len < 56) {
            out.write(base + len);
            return;
        }
        int lenBytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
        out.write(base + 55 + lenBytes);
        for (int i = lenBytes - 1; i >= 0; i--) {
            out.write(len >>> (8 * i));
        }
    }
}
