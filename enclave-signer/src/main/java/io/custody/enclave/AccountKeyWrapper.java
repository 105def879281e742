package io.custody.enclave;

import io.custody.enclave.KeyUnwrapException.Reason;
import io.custody.enclave.internal.AesGcm;
import io.custody.enclave.internal.Secp256k1Engine;
import io.custody.enclave.internal.WrappedKeyFormat;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Wraps account private keys under a tenant DEK with AES-256-GCM, bound to the key's identity
 * (ARCHITECTURE.md §1 invariant 3). Format and associated data: {@link WrappedKeyFormat}
 * (61 bytes for a secp256k1 key).
 *
 * <p>Unwrap checks, in order, each with the threat it blocks:
 * <ol>
 *   <li>length is exactly that of format v1 — blocks truncated or padded blobs before any crypto;
 *   <li>version byte is 0x01 — blocks format confusion (the byte is also in the AD);
 *   <li>the GCM tag verifies under AD(label, version, tenant, account, DEK version, curve) — blocks
 *       a wrong DEK, any changed byte, and a ciphertext moved to another tenant, account, DEK
 *       version or curve;
 *   <li>the plaintext is a valid key for the curve — defence in depth after authentication.
 * </ol>
 */
public final class AccountKeyWrapper {

    private static final SecureRandom NONCES = new SecureRandom();

    private AccountKeyWrapper() {}

    /** Wraps {@code privateKey} for {@code id} under {@code dek} (32 bytes) with a fresh random nonce. */
    public static byte[] wrap(SecretBytes dek, KeyIdentity id, SecretBytes privateKey) {
        Objects.requireNonNull(id, "id");
        requireSecp256k1(id.curve());
        byte[] d = privateKey.unsafeBytes();
        if (!Secp256k1Engine.isValidPrivateKey(d)) {
            throw new IllegalArgumentException("not a valid secp256k1 private key");
        }
        return seal(new AesGcm(dek.unsafeBytes()), id, d);
    }

    /**
     * Opens a wrapped key presented as belonging to {@code id}.
     *
     * @throws KeyUnwrapException with the {@link Reason} of the first check that failed
     */
    public static SecretBytes unwrap(SecretBytes dek, KeyIdentity id, byte[] wrapped) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wrapped, "wrapped");
        // Check 1: exact length of a known format.
        if (wrapped.length != WrappedKeyFormat.V1_LENGTH) {
            throw new KeyUnwrapException(Reason.MALFORMED,
                    "expected " + WrappedKeyFormat.V1_LENGTH + " bytes, got " + wrapped.length);
        }
        // Check 2: known version.
        if (wrapped[0] != WrappedKeyFormat.VERSION_1) {
            throw new KeyUnwrapException(Reason.UNSUPPORTED_VERSION, "unknown format version");
        }
        byte[] nonce = Arrays.copyOfRange(wrapped, 1, 1 + AesGcm.NONCE_BYTES);
        byte[] body = Arrays.copyOfRange(wrapped, 1 + AesGcm.NONCE_BYTES, wrapped.length);
        byte[] plaintext;
        try {
            // Check 3: authenticate against the claimed identity.
            plaintext = new AesGcm(dek.unsafeBytes()).open(nonce, body, associatedData(id));
        } catch (AesGcm.TagMismatchException e) {
            throw new KeyUnwrapException(Reason.AUTHENTICATION_FAILED,
                    "wrong DEK, altered ciphertext, or not wrapped for this tenant/account/DEK version/curve");
        }
        SecretBytes key = SecretBytes.takeOwnership(plaintext);
        // Check 4: a usable key for the curve.
        if (id.curve() != Curve.SECP256K1 || !Secp256k1Engine.isValidPrivateKey(plaintext)) {
            key.close();
            throw new KeyUnwrapException(Reason.INVALID_KEY, "not a valid " + id.curve().wireName() + " key");
        }
        return key;
    }

    /**
     * Generates one secp256k1 key per account id and wraps each under {@code dek}, reusing one
     * cipher for the whole batch. Private keys are wiped before this returns; only public keys and
     * wrapped keys come back, in the order of {@code accountIds}.
     *
     * @param dek        the tenant DEK (32 bytes) of version {@code dekVersion}
     * @param accountIds distinct account ids (duplicates are refused: one key per account)
     */
    public static List<NewAccountKey> generateAndWrap(
            SecretBytes dek, UUID tenantId, int dekVersion, List<UUID> accountIds, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        if (accountIds.stream().distinct().count() != accountIds.size()) {
            throw new IllegalArgumentException("account ids must be distinct");
        }
        AesGcm gcm = new AesGcm(dek.unsafeBytes());
        List<NewAccountKey> out = new ArrayList<>(accountIds.size());
        for (UUID accountId : accountIds) {
            KeyIdentity id = new KeyIdentity(tenantId, accountId, dekVersion, Curve.SECP256K1);
            try (SecretBytes key = Secp256k1Engine.generatePrivateKey(random)) {
                byte[] d = key.unsafeBytes();
                Secp256k1PublicKey pub = new Secp256k1PublicKey(Secp256k1Engine.publicKey(d));
                out.add(new NewAccountKey(accountId, pub, seal(gcm, id, d)));
            }
        }
        return out;
    }

    private static byte[] seal(AesGcm gcm, KeyIdentity id, byte[] privateKey) {
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        NONCES.nextBytes(nonce);
        byte[] body = gcm.seal(nonce, privateKey, associatedData(id));
        byte[] out = new byte[WrappedKeyFormat.V1_LENGTH];
        out[0] = WrappedKeyFormat.VERSION_1;
        System.arraycopy(nonce, 0, out, 1, nonce.length);
        System.arraycopy(body, 0, out, 1 + nonce.length, body.length);
        return out;
    }

    private static byte[] associatedData(KeyIdentity id) {
        return WrappedKeyFormat.associatedData(WrappedKeyFormat.VERSION_1,
                id.tenantId(), id.accountId(), id.dekVersion(), id.curve().wireName());
    }

    private static void requireSecp256k1(Curve curve) {
        if (curve != Curve.SECP256K1) {
            throw new UnsupportedOperationException("no key operations for " + curve.wireName() + " yet");
        }
    }
}
