package io.custody.enclave;

import io.custody.enclave.SignatureResult.SignedMessage;
import io.custody.enclave.SignatureResult.SignedTransaction;
import io.custody.enclave.internal.Eip191;
import io.custody.enclave.internal.Eip712Encoder;
import io.custody.enclave.internal.Keccak;
import io.custody.enclave.internal.Secp256k1Engine;
import io.custody.enclave.internal.TransactionCodec;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Signs structured payloads with an account key. Steps, in this order:
 * <ol>
 *   <li>the key is open — blocks signing with a wiped (all-zero) key;
 *   <li>the policy allows the request — blocks signing before the policy check (invariant 4);
 *   <li>the enclave encodes and hashes the payload itself (RLP + Keccak-256, EIP-191, EIP-712) —
 *       blocks a host that asks for a hash the client never saw;
 *   <li>libsecp256k1 signs (RFC 6979), the signature is low-S and must recover to the key's
 *       address ({@link Secp256k1Engine}) — blocks releasing faulty or unusable signatures.
 * </ol>
 * Thread-safe if the policy is.
 */
public final class EnclaveSigner {

    private final SigningPolicy policy;

    public EnclaveSigner(SigningPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @throws PolicyDeniedException   the policy refused; nothing was hashed or signed
     * @throws InvalidPayloadException the payload does not encode (e.g. EIP-712 value out of range)
     * @throws SignatureCheckException the produced signature failed its checks and was discarded
     */
    public SignatureResult sign(SigningKey key, SigningPayload payload) {
        return sign(key, payload, policy);
    }

    /** As {@link #sign(SigningKey, SigningPayload)}, under {@code policy} instead of this signer's own. */
    public SignatureResult sign(SigningKey key, SigningPayload payload, SigningPolicy policy) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(policy, "policy");
        // Step 1
        if (key.privateKey().isDestroyed()) {
            throw new IllegalStateException("signing key has been closed");
        }
        // Step 2
        PolicyDecision decision = policy.evaluate(new SigningRequest(key.identity(), key.address(), payload));
        if (!(decision instanceof PolicyDecision.Allow)) {
            throw decision instanceof PolicyDecision.Deny deny ? new PolicyDeniedException(deny.reason(), deny.ruleId())
                    : new PolicyDeniedException("policy returned no decision", null);
        }
        // Steps 3 and 4
        return switch (payload) {
            case TransactionPayload tx -> signTransaction(key, tx);
            case Eip191Message m -> signMessage(key, Eip191.hash(m.message()));
            case Eip712TypedData t -> signMessage(key,
                    Eip712Encoder.digest(t.types(), t.primaryType(), t.domain(), t.message()));
        };
    }

    private static SignedTransaction signTransaction(SigningKey key, TransactionPayload tx) {
        TransactionCodec.Fields fields = TransactionCodec.fields(tx);
        byte[] signingHash = Keccak.keccak256(fields.unsigned());
        EcdsaSignature sig = Secp256k1Engine.sign(key.privateKey().unsafeBytes(), signingHash, key.address());
        byte[] raw = fields.signed(sig.yParity(), sig.r(), sig.s());
        BigInteger v = tx instanceof LegacyTransaction legacy
                ? TransactionCodec.legacyV(legacy.chainId(), sig.yParity())
                : BigInteger.valueOf(sig.yParity());
        return new SignedTransaction(raw, Keccak.keccak256(raw), signingHash, sig, v);
    }

    private static SignedMessage signMessage(SigningKey key, byte[] hash) {
        EcdsaSignature sig = Secp256k1Engine.sign(key.privateKey().unsafeBytes(), hash, key.address());
        return new SignedMessage(hash, sig);
    }
}
