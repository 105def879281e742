package io.custody.enclave.policy;

import io.custody.enclave.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The enclave's seal over a tenant policy version (ARCHITECTURE.md §6): an HMAC-SHA256 under a key
 * that only the enclave can derive, from the tenant's DEK with HKDF-SHA256 (RFC 5869; no salt,
 * info {@code custody/v1/policy-mac}, 32 bytes). The MAC covers
 *
 * <pre>"custody/v1/policy" || 0x00 || tenant id (16 bytes) || version (4 bytes, big-endian) || SHA-256(document)</pre>
 *
 * so a document sealed for one tenant or one version is refused for any other, and a byte changed
 * in the document breaks the seal. The host stores seals; it cannot make one.
 */
public final class PolicySeal {
    public static final int LENGTH = 32;
    private static final byte[] INFO = "custody/v1/policy-mac".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOMAIN = "custody/v1/policy\0".getBytes(StandardCharsets.US_ASCII);

    private PolicySeal() {
    }

    /** The seal of {@code document} as {@code version} of {@code tenant}'s policy. */
    public static byte[] seal(SecretBytes dek, UUID tenant, int version, byte[] document) {
        byte[] key = macKey(dek);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(DOMAIN);
            mac.update(ByteBuffer.allocate(20).putLong(tenant.getMostSignificantBits())
                    .putLong(tenant.getLeastSignificantBits()).putInt(version).array());
            mac.update(MessageDigest.getInstance("SHA-256").digest(document));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 and SHA-256 are part of every Java platform", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether {@code seal} is this enclave's seal of the document as that version (constant time). */
    public static boolean verify(SecretBytes dek, UUID tenant, int version, byte[] document, byte[] seal) {
        return seal != null && seal.length == LENGTH && MessageDigest.isEqual(seal(dek, tenant, version, document), seal);
    }

    static byte[] macKey(SecretBytes dek) {
        return hkdfSha256(dek.unsafeBytes(), INFO);
    }

    /** HKDF-SHA256 with an empty salt (RFC 5869 §2.2: HashLen zero bytes), 32 bytes of output. */
    static byte[] hkdfSha256(byte[] ikm, byte[] info) {
        byte[] prk = null;
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            prk = extract.doFinal(ikm);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(prk, "HmacSHA256"));
            expand.update(info);
            expand.update((byte) 1);
            return expand.doFinal(); // T(1) = the 32 bytes asked for
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
        } finally {
            if (prk != null) {
                Arrays.fill(prk, (byte) 0);
            }
        }
    }
}
