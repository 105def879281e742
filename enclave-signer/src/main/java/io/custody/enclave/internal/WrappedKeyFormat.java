package io.custody.enclave.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Layout and associated data of a wrapped account key, format version 1:
 *
 * <pre>
 *   wrapped = version (1 byte, 0x01) || nonce (12) || AES-256-GCM(key) (32) || tag (16)   = 61 bytes
 *   AD      = field(label) || field(version) || field(tenant id) || field(account id)
 *             || field(DEK version) || field(curve)
 *   field(x) = length of x (4 bytes, big-endian) || x
 *   label = "custody/v1/account-key" (UTF-8); ids = 16 bytes (most, least significant long);
 *   DEK version = 4 bytes big-endian; curve = its wire name (UTF-8), e.g. "secp256k1"
 * </pre>
 *
 * Every field is length-prefixed, so no two different identities encode to the same AD. The
 * version byte is both in the clear (to pick the parser) and in the AD (so it cannot be swapped).
 */
public final class WrappedKeyFormat {

    /** Domain-separation label: an account-key ciphertext is never valid as any other ciphertext. */
    public static final String LABEL = "custody/v1/account-key";
    public static final byte VERSION_1 = 0x01;
    public static final int PRIVATE_KEY_BYTES = 32;
    public static final int V1_LENGTH = 1 + AesGcm.NONCE_BYTES + PRIVATE_KEY_BYTES + AesGcm.TAG_BYTES;

    private static final byte[] LABEL_BYTES = LABEL.getBytes(StandardCharsets.UTF_8);

    private WrappedKeyFormat() {}

    public static byte[] associatedData(
            byte version, UUID tenantId, UUID accountId, int dekVersion, String curveWireName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        field(out, LABEL_BYTES);
        field(out, new byte[] {version});
        field(out, uuid(tenantId));
        field(out, uuid(accountId));
        field(out, ByteBuffer.allocate(4).putInt(dekVersion).array());
        field(out, curveWireName.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static byte[] uuid(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
