package io.custody.awslocal.kms;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The emulator's own ciphertext blob (KMS calls the format opaque), version 1:
 * <pre>
 *   [0]      0xC5 magic
 *   [1]      0x01 format version
 *   [2..17]  key id (UUID, 16 bytes big-endian)
 *   [18]     key material version (always 0: no rotation yet)
 *   [19..30] 12-byte random nonce
 *   [31..]   AES-256-GCM ciphertext || 16-byte tag
 *   AAD = bytes [0..18] || canonical(encryption context)
 * </pre>
 * The header is authenticated, so changing the key id, a version or any ciphertext byte, or
 * presenting another encryption context, makes decryption fail.
 */
final class CiphertextFormat {

    private static final byte MAGIC = (byte) 0xC5;
    private static final byte VERSION = 0x01;
    private static final int HEADER_BYTES = 19;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8;

    /** The parsed, not yet authenticated header; only the key id is trusted enough to look the key up. */
    record Parsed(String keyId, byte[] header, byte[] nonce, byte[] sealed) {
    }

    private CiphertextFormat() {
    }

    static byte[] seal(String keyId, KeyMaterial material, byte[] plaintext, Map<String, String> context,
                       SecureRandom random) {
        byte[] header = header(keyId);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, material.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(EncryptionContextCodec.canonical(context));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(header.length + nonce.length + sealed.length)
                    .put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    static Parsed parse(byte[] blob) {
        if (blob.length < MIN_BYTES || blob[0] != MAGIC || blob[1] != VERSION || blob[18] != 0) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob, 2, 16);
        String keyId = new UUID(buffer.getLong(), buffer.getLong()).toString();
        return new Parsed(keyId, Arrays.copyOfRange(blob, 0, HEADER_BYTES),
                Arrays.copyOfRange(blob, HEADER_BYTES, HEADER_BYTES + NONCE_BYTES),
                Arrays.copyOfRange(blob, HEADER_BYTES + NONCE_BYTES, blob.length));
    }

    /** Authenticates and decrypts; any mismatch (context, tampering, wrong key) is InvalidCiphertextException. */
    static byte[] open(Parsed parsed, KeyMaterial material, Map<String, String> context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, material.aesKey(), new GCMParameterSpec(TAG_BITS, parsed.nonce()));
            cipher.updateAAD(parsed.header());
            cipher.updateAAD(EncryptionContextCodec.canonical(context));
            return cipher.doFinal(parsed.sealed());
        } catch (javax.crypto.AEADBadTagException e) {
            throw invalid();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static byte[] header(String keyId) {
        UUID uuid = UUID.fromString(keyId);
        return ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).put(VERSION)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .put((byte) 0).array();
    }

    private static KmsException invalid() {
        return new KmsException(KmsError.INVALID_CIPHERTEXT,
                "The ciphertext is invalid, or was encrypted under another encryption context or key.");
    }
}
