package io.custody.attestation.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Deterministic CBOR encoder: definite lengths, shortest-form heads, maps in the order their
 * entries were built (the NSM serializes structs in field order, not in sorted-key order).
 */
public final class CborEncoder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private CborEncoder() {}

    public static byte[] encode(CborValue value) {
        CborEncoder e = new CborEncoder();
        e.write(value);
        return e.out.toByteArray();
    }

    private void write(CborValue value) {
        switch (value) {
            case CborValue.Int i -> {
                if (i.value() >= 0) {
                    head(0, i.value());
                } else {
                    head(1, -1 - i.value());
                }
            }
            case CborValue.Bytes b -> {
                head(2, b.value().length);
                out.writeBytes(b.value());
            }
            case CborValue.Text t -> {
                byte[] utf8 = t.value().getBytes(StandardCharsets.UTF_8);
                head(3, utf8.length);
                out.writeBytes(utf8);
            }
            case CborValue.Array a -> {
                head(4, a.items().size());
                a.items().forEach(this::write);
            }
            case CborValue.CborMap m -> {
                head(5, m.entries().size());
                for (Map.Entry<CborValue, CborValue> e : m.entries().entrySet()) {
                    write(e.getKey());
                    write(e.getValue());
                }
            }
            case CborValue.Tag t -> {
                head(6, t.tag());
                write(t.content());
            }
            case CborValue.Bool b -> out.write(b.value() ? 0xf5 : 0xf4);
            case CborValue.Null n -> out.write(0xf6);
        }
    }

    /** Shortest head for a non-negative argument (RFC 8949 §4.2.1 preferred serialization). */
    private void head(int major, long arg) {
        int mt = major << 5;
        if (arg < 24) {
            out.write(mt | (int) arg);
        } else if (arg < 0x100) {
            out.write(mt | 24);
            out.write((int) arg);
        } else if (arg < 0x10000) {
            out.write(mt | 25);
            big(arg, 2);
        } else if (arg < 0x1_0000_0000L) {
            out.write(mt | 26);
            big(arg, 4);
        } else {
            out.write(mt | 27);
            big(arg, 8);
        }
    }

    private void big(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
