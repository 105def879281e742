package io.custody.enclave.internal;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import io.custody.enclave.EcdsaSignature;
import io.custody.enclave.EthAddress;
import io.custody.enclave.SecretBytes;
import io.custody.enclave.SignatureCheckException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The only place that calls libsecp256k1: secp256k1-kmp's JNI binding, plus one FFM call for
 * recoverable signing ({@link RecoverableSigner}). Signing is RFC 6979 deterministic ECDSA inside
 * libsecp256k1; no Java code here does arithmetic on a secret.
 *
 * <p>Checks on every signature, each with the threat it blocks:
 * <ol>
 *   <li>hash is exactly 32 bytes — blocks signing something that is not a digest;
 *   <li>result is 64 bytes with r, s in [1, n-1] — blocks a malformed engine result;
 *   <li>s &le; n/2 after normalization — blocks malleable high-S signatures (EIP-2);
 *   <li>the signature recovers, under the recovery id libsecp256k1 reported while signing, to the
 *       signer's address (one {@code secp256k1_ecdsa_recover}); otherwise it is discarded — blocks
 *       releasing a faulty signature (fault attacks can leak the key) or a wrong recovery id
 *       (unusable on chain).
 * </ol>
 */
public final class Secp256k1Engine {

    private static final Secp256k1 LIB = Secp256k1.get();

    /** n/2 for secp256k1, big-endian: the largest canonical s. */
    private static final byte[] HALF_N =
            Hex.decode("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");
    private static final byte[] N =
            Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    private static final byte[] ZERO32 = new byte[32];

    /** Redraws allowed before giving up: a draw is out of range with probability about 2^-128. */
    private static final int MAX_DRAWS = 16;

    private Secp256k1Engine() {}

    /**
     * A private key drawn from {@code random}: 32 bytes, redrawn while outside [1, n-1]
     * ({@code secp256k1_ec_seckey_verify}), so the distribution is uniform over valid scalars.
     */
    public static SecretBytes generatePrivateKey(SecureRandom random) {
        for (int i = 0; i < MAX_DRAWS; i++) {
            byte[] candidate = new byte[32];
            random.nextBytes(candidate);
            if (LIB.secKeyVerify(candidate)) {
                return SecretBytes.takeOwnership(candidate);
            }
            Arrays.fill(candidate, (byte) 0);
        }
        throw new IllegalStateException("random source produced no valid secp256k1 scalar");
    }

    /** True when {@code privateKey} is 32 bytes in [1, n-1]. */
    public static boolean isValidPrivateKey(byte[] privateKey) {
        return privateKey.length == 32 && LIB.secKeyVerify(privateKey);
    }

    /** The uncompressed (65-byte) public key of {@code privateKey}. */
    public static byte[] publicKey(byte[] privateKey) {
        byte[] pub = LIB.pubkeyCreate(privateKey);
        if (pub.length != 65 || pub[0] != 0x04) {
            throw new IllegalStateException("libsecp256k1 returned an unexpected public key encoding");
        }
        return pub;
    }

    /** Signs a 32-byte hash and runs checks 1-4 (class comment) against {@code signer}. */
    public static EcdsaSignature sign(byte[] privateKey, byte[] hash, EthAddress signer) {
        // Check 1: a 32-byte digest, nothing else, reaches the signing primitive.
        if (hash.length != 32) {
            throw new IllegalArgumentException("hash must be 32 bytes");
        }
        byte[] rsv = RecoverableSigner.sign(privateKey, hash); // RFC 6979, no extra entropy
        byte[] compact = Arrays.copyOf(rsv, 64);
        int recId = rsv[64];
        if (Arrays.compareUnsigned(compact, 32, 64, HALF_N, 0, 32) > 0) {
            // libsecp256k1 already emits low-S; normalize anyway so the invariant does not rest on
            // it: s -> n - s mirrors R, which flips the recovery id.
            byte[] lowS = toBytes32(new BigInteger(1, N).subtract(new BigInteger(1, compact, 32, 32)));
            System.arraycopy(lowS, 0, compact, 32, 32);
            recId ^= 1;
        }
        return check(compact, hash, recId, signer);
    }

    /**
     * Checks 2-4 on a compact {@code r || s} signature with its claimed recovery id. Public so tests
     * can show that a corrupted signature or a wrong id is refused.
     *
     * @throws SignatureCheckException if any check fails
     */
    public static EcdsaSignature check(byte[] compact, byte[] hash, int recId, EthAddress signer) {
        // Check 2: well-formed result, r and s in [1, n-1].
        if (compact.length != 64 || !inScalarRange(compact, 0) || !inScalarRange(compact, 32)) {
            throw new SignatureCheckException("signature is not a valid compact (r, s) pair");
        }
        // Check 3: canonical low-S (EIP-2); a high-S signature has a malleable twin.
        if (Arrays.compareUnsigned(compact, 32, 64, HALF_N, 0, 32) > 0) {
            throw new SignatureCheckException("signature is not low-S");
        }
        // Check 4: one recovery with the claimed id must give the signer's address. Ids 2 and 3
        // (r >= n - p, probability ~2^-127) are refused: Ethereum's yParity cannot express them.
        if (recId != 0 && recId != 1) {
            throw new SignatureCheckException("recovery id " + recId + " is not expressible as yParity");
        }
        byte[] recovered;
        try {
            recovered = LIB.ecdsaRecover(compact, hash, recId);
        } catch (Secp256k1Exception e) {
            throw new SignatureCheckException("signature does not recover to any public key");
        }
        if (recovered.length != 65 || !signer.matches(addressBytes(recovered))) {
            throw new SignatureCheckException("signature does not recover to the signer's address");
        }
        return new EcdsaSignature(Arrays.copyOfRange(compact, 0, 32), Arrays.copyOfRange(compact, 32, 64), recId);
    }

    /**
     * Verifies a compact signature over a 32-byte hash against a SEC1 public key, with the low-S
     * rule (libsecp256k1 refuses high-S). Used for Wycheproof and by callers that verify.
     */
    public static boolean verify(byte[] compact, byte[] hash, byte[] publicKey) {
        if (compact.length != 64 || hash.length != 32) {
            return false;
        }
        try {
            return LIB.verify(compact, hash, LIB.pubkeyParse(publicKey));
        } catch (Secp256k1Exception | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Parses a strictly DER-encoded signature into compact {@code r || s}; empty array when it is
     * not valid DER (libsecp256k1's {@code secp256k1_ecdsa_signature_parse_der}).
     */
    public static byte[] derToCompact(byte[] der) {
        try {
            return LIB.der2compact(der);
        } catch (Secp256k1Exception | IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }

    private static byte[] addressBytes(byte[] uncompressed) {
        return Arrays.copyOfRange(Keccak.keccak256(uncompressed, 1, 64), 12, 32);
    }

    private static boolean inScalarRange(byte[] b, int off) {
        return Arrays.compareUnsigned(b, off, off + 32, ZERO32, 0, 32) > 0
                && Arrays.compareUnsigned(b, off, off + 32, N, 0, 32) < 0;
    }
}
