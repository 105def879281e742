package io.custody.awslocal.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical, unambiguous byte encoding of an encryption context, used as AES-GCM associated data:
 * {@code u32 count, then per entry sorted by key: u32 len, key UTF-8, u32 len, value UTF-8}.
 *
 * <p>Length prefixes make {@code {"ab":"c"}} and {@code {"a":"bc"}} encode differently (the plain
 * concatenation used by some emulators does not). An absent context and {@code {}} are the same,
 * as in KMS. Keys and values compare case-sensitively.
 */
final class EncryptionContextCodec {

    private EncryptionContextCodec() {
    }

    static byte[] canonical(Map<String, String> context) {
        TreeMap<String, String> sorted = new TreeMap<>(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, sorted.size());
        sorted.forEach((key, value) -> {
            writeString(out, key);
            writeString(out, value);
        });
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    }
}
