package io.custody.attestation.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Strict CBOR decoder for untrusted input. Every failure is a {@link CborException}.
 *
 * <p>Refused: trailing bytes after the top-level item, indefinite lengths (the attestation
 * format and the NSM API use definite lengths only), floats and simple values other than
 * false/true/null, integers outside {@code long}, map keys other than text or integers,
 * duplicate map keys, invalid UTF-8, nesting deeper than {@link #MAX_DEPTH}, and declared
 * lengths larger than the bytes that remain (so a forged length cannot force a huge allocation).
 * Non-minimal length encodings are accepted: signatures cover the exact bytes, so they cannot
 * be used to alter signed content.
 */
public final class CborDecoder {

    /** Deepest nesting accepted. Attestation documents nest 3 levels; NSM messages 3. */
    public static final int MAX_DEPTH = 16;

    private final byte[] in;
    private int pos;

    private CborDecoder(byte[] in) {
        this.in = in;
    }

    /** Decodes exactly one CBOR item that spans all of {@code data}. */
    public static CborValue decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw new CborException("empty input");
        }
        CborDecoder d = new CborDecoder(data);
        CborValue value = d.item(0);
        if (d.pos != data.length) {
            throw new CborException("trailing bytes after CBOR item: " + (data.length - d.pos));
        }
        return value;
    }

    private CborValue item(int depth) {
        if (depth > MAX_DEPTH) {
            throw new CborException("nesting deeper than " + MAX_DEPTH);
        }
        int initial = readByte();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (major == 7) {
            return simple(info);
        }
        long arg = argument(info);
        return switch (major) {
            case 0 -> {
                if (arg < 0) {
                    throw new CborException("unsigned integer exceeds 2^63-1");
                }
                yield new CborValue.Int(arg);
            }
            case 1 -> {
                if (arg < 0) {
                    throw new CborException("negative integer below -2^63");
                }
                yield new CborValue.Int(-1 - arg);
            }
            case 2 -> new CborValue.Bytes(take(arg));
            case 3 -> new CborValue.Text(utf8(take(arg)));
            case 4 -> array(arg, depth);
            case 5 -> map(arg, depth);
            case 6 -> {
                if (arg < 0) {
                    throw new CborException("tag number exceeds 2^63-1");
                }
                yield new CborValue.Tag(arg, item(depth + 1));
            }
            default -> throw new IllegalStateException("unreachable major type " + major);
        };
    }

    private CborValue simple(int info) {
        return switch (info) {
            case 20 -> new CborValue.Bool(false);
            case 21 -> new CborValue.Bool(true);
            case 22 -> CborValue.NULL;
            case 31 -> throw new CborException("unexpected break (indefinite lengths are not allowed)");
            case 25, 26, 27 -> throw new CborException("floating point values are not allowed");
            default -> throw new CborException("unsupported simple value " + info);
        };
    }

    /** The head's argument; may be negative when the encoded value is >= 2^63. */
    private long argument(int info) {
        if (info < 24) {
            return info;
        }
        return switch (info) {
            case 24 -> readByte();
            case 25 -> readBig(2);
            case 26 -> readBig(4);
            case 27 -> readBig(8);
            case 31 -> throw new CborException("indefinite lengths are not allowed");
            default -> throw new CborException("reserved additional information " + info);
        };
    }

    private CborValue array(long count, int depth) {
        requireCount(count);
        List<CborValue> items = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            items.add(item(depth + 1));
        }
        return new CborValue.Array(items);
    }

    private CborValue map(long count, int depth) {
        requireCount(count);
        LinkedHashMap<CborValue, CborValue> entries = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
            CborValue key = item(depth + 1);
            if (!(key instanceof CborValue.Text) && !(key instanceof CborValue.Int)) {
                throw new CborException("map key must be text or integer, got " + key.kind());
            }
            CborValue value = item(depth + 1);
            if (entries.putIfAbsent(key, value) != null) {
                throw new CborException("duplicate map key " + key);
            }
        }
        return new CborValue.CborMap(entries);
    }

    /** Each element takes at least one byte, so a count above the remaining bytes is a lie. */
    private void requireCount(long count) {
        if (count < 0 || count > in.length - pos) {
            throw new CborException("declared element count exceeds input");
        }
    }

    private byte[] take(long length) {
        if (length < 0 || length > in.length - pos) {
            throw new CborException("declared length exceeds input (truncated?)");
        }
        byte[] out = new byte[(int) length];
        System.arraycopy(in, pos, out, 0, out.length);
        pos += out.length;
        return out;
    }

    private int readByte() {
        if (pos >= in.length) {
            throw new CborException("unexpected end of input (truncated)");
        }
        return in[pos++] & 0xff;
    }

    private long readBig(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | readByte();
        }
        return v;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CborException("text string is not valid UTF-8");
        }
    }
}
