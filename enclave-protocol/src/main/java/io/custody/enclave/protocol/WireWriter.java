package io.custody.enclave.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/** Appends protocol primitives (big-endian, length-prefixed) to a growable buffer. */
public final class WireWriter {
    private byte[] buffer;
    private int size;

    public WireWriter() {
        this(256);
    }

    public WireWriter(int capacity) {
        buffer = new byte[Math.max(16, capacity)];
    }

    public WireWriter u8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter u16(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter u32(long value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public WireWriter u64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public WireWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public WireWriter uuid(UUID value) {
        return u64(value.getMostSignificantBits()).u64(value.getLeastSignificantBits());
    }

    /** A byte string: u32 length, then the bytes. */
    public WireWriter bytes(byte[] value) {
        u32(value.length);
        return raw(value);
    }

    /** An optional byte string: a presence flag, then {@link #bytes}. */
    public WireWriter optionalBytes(byte[] value) {
        bool(value != null);
        return value == null ? this : bytes(value);
    }

    public WireWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter optionalString(String value) {
        bool(value != null);
        return value == null ? this : string(value);
    }

    /** A non-negative integer of at most 256 bits: u8 length, then its minimal big-endian bytes. */
    public WireWriter unsigned(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not an unsigned 256-bit integer");
        }
        byte[] magnitude = value.toByteArray();
        int skip = magnitude[0] == 0 ? 1 : 0;
        int length = magnitude.length - skip;
        u8(length);
        ensure(length);
        System.arraycopy(magnitude, skip, buffer, size, length);
        size += length;
        return this;
    }

    public WireWriter optionalUnsigned(BigInteger value) {
        bool(value != null);
        return value == null ? this : unsigned(value);
    }

    public WireWriter raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Overwrites the buffer with zeros: for messages that carried key material. */
    public void wipe() {
        Arrays.fill(buffer, (byte) 0);
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
