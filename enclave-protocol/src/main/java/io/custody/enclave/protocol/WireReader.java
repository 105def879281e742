package io.custody.enclave.protocol;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads protocol primitives from one message body, strictly: every length is checked against
 * what remains, strings must be valid UTF-8, integers minimal, and {@link #end()} refuses
 * trailing bytes. A malformed message fails with {@link WireFormatException}, never another
 * exception type.
 */
public final class WireReader {
    private final byte[] data;
    private int position;
    private final int limit;

    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    public WireReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    public int u8() throws WireFormatException {
        need(1, "u8");
        return data[position++] & 0xFF;
    }

    public int u16() throws WireFormatException {
        need(2, "u16");
        int value = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public long u32() throws WireFormatException {
        need(4, "u32");
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    public long u64() throws WireFormatException {
        need(8, "u64");
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    public boolean bool() throws WireFormatException {
        int value = u8();
        if (value > 1) {
            throw new WireFormatException("boolean must be 0 or 1");
        }
        return value == 1;
    }

    public UUID uuid() throws WireFormatException {
        return new UUID(u64(), u64());
    }

    /** A length-prefixed byte string of at most {@code maxLength} bytes. */
    public byte[] bytes(int maxLength, String what) throws WireFormatException {
        long length = u32();
        if (length > maxLength) {
            throw new WireFormatException(what + " is longer than " + maxLength + " bytes");
        }
        need((int) length, what);
        byte[] value = new byte[(int) length];
        System.arraycopy(data, position, value, 0, value.length);
        position += value.length;
        return value;
    }

    /** A byte string of exactly {@code length} bytes. */
    public byte[] fixedBytes(int length, String what) throws WireFormatException {
        byte[] value = bytes(length, what);
        if (value.length != length) {
            throw new WireFormatException(what + " must be " + length + " bytes");
        }
        return value;
    }

    public byte[] optionalBytes(int maxLength, String what) throws WireFormatException {
        return bool() ? bytes(maxLength, what) : null;
    }

    public String string(int maxBytes, String what) throws WireFormatException {
        byte[] raw = bytes(maxBytes, what);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException(what + " is not valid UTF-8");
        }
    }

    public String optionalString(int maxBytes, String what) throws WireFormatException {
        return bool() ? string(maxBytes, what) : null;
    }

    /** An unsigned integer of at most {@code maxBits} bits, minimally encoded. */
    public BigInteger unsigned(int maxBits, String what) throws WireFormatException {
        int length = u8();
        if (length > 32) {
            throw new WireFormatException(what + " is longer than 256 bits");
        }
        need(length, what);
        if (length > 0 && data[position] == 0) {
            throw new WireFormatException(what + " is not minimally encoded");
        }
        byte[] magnitude = new byte[length];
        System.arraycopy(data, position, magnitude, 0, length);
        position += length;
        BigInteger value = new BigInteger(1, magnitude);
        if (value.bitLength() > maxBits) {
            throw new WireFormatException(what + " exceeds " + maxBits + " bits");
        }
        return value;
    }

    public BigInteger optionalUnsigned(int maxBits, String what) throws WireFormatException {
        return bool() ? unsigned(maxBits, what) : null;
    }

    /** A count of list elements, bounded so a hostile length cannot drive allocation. */
    public int count(int max, String what) throws WireFormatException {
        long count = u32();
        if (count > max) {
            throw new WireFormatException(what + " has more than " + max + " elements");
        }
        return (int) count;
    }

    public int remaining() {
        return limit - position;
    }

    /** Refuses trailing bytes: a message means exactly one thing. */
    public void end() throws WireFormatException {
        if (position != limit) {
            throw new WireFormatException((limit - position) + " unexpected trailing byte(s)");
        }
    }

    private void need(int count, String what) throws WireFormatException {
        if (count < 0 || limit - position < count) {
            throw new WireFormatException("truncated " + what);
        }
    }
}
