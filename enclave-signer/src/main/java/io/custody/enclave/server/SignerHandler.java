package io.custody.enclave.server;

import io.custody.attestation.NsmClient;
import io.custody.attestation.NsmException;
import io.custody.enclave.AccountKeyWrapper;
import io.custody.enclave.Curve;
import io.custody.enclave.EnclaveSigner;
import io.custody.enclave.EthAddress;
import io.custody.enclave.InvalidPayloadException;
import io.custody.enclave.KeyIdentity;
import io.custody.enclave.KeyUnwrapException;
import io.custody.enclave.LegacyTransaction;
import io.custody.enclave.NewAccountKey;
import io.custody.enclave.InvalidPolicyException;
import io.custody.enclave.PolicyDecision;
import io.custody.enclave.PolicyDeniedException;
import io.custody.enclave.SigningPolicy;
import io.custody.enclave.policy.TenantPolicy;
import io.custody.enclave.SecretBytes;
import io.custody.enclave.SignatureCheckException;
import io.custody.enclave.SignatureResult;
import io.custody.enclave.SigningKey;
import io.custody.enclave.SigningPayload;
import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import io.custody.enclave.protocol.FrameServer;
import io.custody.enclave.protocol.Messages;
import io.custody.enclave.protocol.Operation;
import io.custody.enclave.protocol.WireFormatException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Serves every operation of the enclave protocol. Per request, in this order: decode strictly;
 * get the tenant DEK (cache or KMS with a Recipient); do the work with the signing core; wipe
 * every secret in {@code finally} (try-with-resources); answer with public values only
 * (ciphertext, public keys, addresses, signatures — invariant 1).
 *
 * <p>Core failures become protocol errors with stable codes: KeyUnwrapException →
 * KEY_UNWRAP_FAILED (detail: the check that failed), InvalidPayloadException → INVALID_REQUEST,
 * InvalidPolicyException → INVALID_REQUEST (detail: invalid_policy; message: the JSON path and rule),
 * PolicyDeniedException → POLICY_DENIED (message: the reason; detail: the rule id), a policy whose
 * seal does not verify or that is superseded → POLICY_SEAL_INVALID, SignatureCheckException → INTERNAL
 * (the faulty signature is discarded). Their messages name fields and rules, never secrets.
 */
final class SignerHandler implements FrameServer.Handler {

    /** Error messages are cut here: the client refuses error frames with messages over 4096 characters. */
    private static final int MAX_ERROR_MESSAGE = 1000;

    private final TenantDeks deks;
    private final NsmClient nsm;
    private final EnclaveSigner signer;
    private final byte[] pcr0;
    private final String version;
    private final Supplier<DekCache.Stats> cacheStats;
    private final SecureRandom random;
    private final SealedPolicies policies = new SealedPolicies();

    SignerHandler(TenantDeks deks, NsmClient nsm, EnclaveSigner signer, byte[] pcr0, String version,
            Supplier<DekCache.Stats> cacheStats, SecureRandom random) {
        this.deks = Objects.requireNonNull(deks, "deks");
        this.nsm = Objects.requireNonNull(nsm, "nsm");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.pcr0 = pcr0.clone();
        this.version = Objects.requireNonNull(version, "version");
        this.cacheStats = Objects.requireNonNull(cacheStats, "cacheStats");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public byte[] handle(Operation operation, byte[] payload) throws EnclaveException, WireFormatException {
        try {
            return switch (operation) {
                case HEALTH -> health(payload);
                case ATTEST -> attest(Messages.AttestRequest.decode(payload));
                case CREATE_TENANT_KEY -> createTenantKey(Messages.CreateTenantKeyRequest.decode(payload));
                case CREATE_ACCOUNTS -> createAccounts(Messages.CreateAccountsRequest.decode(payload));
                case SIGN -> sign(Messages.SignRequest.decode(payload));
                case SEAL_POLICY -> sealPolicy(Messages.SealPolicyRequest.decode(payload));
                case EVALUATE_POLICY -> evaluatePolicy(Messages.EvaluatePolicyRequest.decode(payload));
            };
        } catch (InvalidPolicyException e) {
            throw new EnclaveException(ErrorCode.INVALID_REQUEST, bounded(e.getMessage()), e.code());
        } catch (KeyUnwrapException e) {
            throw new EnclaveException(ErrorCode.KEY_UNWRAP_FAILED, bounded(e.getMessage()), e.reason().name());
        } catch (InvalidPayloadException e) {
            throw new EnclaveException(ErrorCode.INVALID_REQUEST, bounded(e.getMessage()), e.code());
        } catch (PolicyDeniedException e) {
            throw new EnclaveException(ErrorCode.POLICY_DENIED, bounded(e.reason()), e.ruleId());
        } catch (SignatureCheckException e) {
            throw new EnclaveException(ErrorCode.INTERNAL, "the signature failed the enclave's own check and was discarded",
                    e.code());
        }
    }

    private byte[] health(byte[] payload) throws WireFormatException {
        if (payload.length != 0) {
            throw new WireFormatException("HEALTH takes no payload");
        }
        // No protocol field for cache counters yet: they ride in the version string (at most 128 characters).
        String text = version + " dek-cache " + cacheStats.get();
        return new Messages.HealthResponse("UP", text.length() > 128 ? text.substring(0, 128) : text, pcr0).encode();
    }

    private byte[] attest(Messages.AttestRequest request) throws EnclaveException {
        byte[] nonce = request.nonce().length == 0 ? null : request.nonce();
        try {
            return new Messages.AttestResponse(nsm.attest(null, nonce, null)).encode();
        } catch (NsmException e) {
            throw new EnclaveException(ErrorCode.ATTESTATION_FAILED, "the NSM refused the attestation request",
                    e.code().wireName());
        }
    }

    private byte[] createTenantKey(Messages.CreateTenantKeyRequest request) throws EnclaveException {
        return new Messages.CreateTenantKeyResponse(deks.create(request.tenantId(), request.dekVersion(),
                request.kmsKeyId(), request.credentials())).encode();
    }

    private byte[] createAccounts(Messages.CreateAccountsRequest request) throws EnclaveException {
        List<java.util.UUID> ids = request.accountIds();
        if (ids.isEmpty()) {
            throw new EnclaveException(ErrorCode.INVALID_REQUEST, "accountIds is empty");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new EnclaveException(ErrorCode.INVALID_REQUEST, "accountIds must be distinct (one key per account)");
        }
        List<NewAccountKey> keys;
        try (SecretBytes dek = deks.open(request.tenantId(), request.dek(), request.credentials())) {
            keys = AccountKeyWrapper.generateAndWrap(dek, request.tenantId(), request.dek().version(), ids, random);
        }
        return new Messages.CreateAccountsResponse(keys.stream()
                .map(k -> new Messages.CreatedAccount(k.accountId(), k.address().bytes(), k.publicKey().uncompressed(),
                        k.wrappedKey()))
                .toList()).encode();
    }

    private byte[] sign(Messages.SignRequest request) throws EnclaveException {
        // Mapped first: a payload that cannot be signed costs no KMS call.
        SigningPayload payload = PayloadMapper.toCore(request.payload());
        EthAddress address = EthAddress.of(request.address());
        KeyIdentity id = new KeyIdentity(request.tenantId(), request.accountId(), request.dek().version(),
                Curve.SECP256K1);
        SignatureResult result;
        String[] allowedBy = new String[1];
        try (SecretBytes dek = deks.open(request.tenantId(), request.dek(), request.credentials())) {
            // The tenant's sealed policy, verified before the account key is even unwrapped.
            TenantPolicy policy = new TenantPolicy(policies.open(request.tenantId(), dek, request.policy()),
                    usage(request.usage()));
            SigningPolicy recording = signing -> {
                PolicyDecision decision = policy.evaluate(signing);
                if (decision instanceof PolicyDecision.Allow allow) {
                    allowedBy[0] = allow.ruleId();
                }
                return decision;
            };
            try (SigningKey key = SigningKey.unwrap(dek, id, request.wrappedKey(), address)) {
                result = signer.sign(key, payload, recording);
            }
        }
        return response(result, payload, allowedBy[0]).encode();
    }

    /**
     * The windowed totals the host read for the policy's limits. A limit without totals is refused:
     * the enclave never takes a missing total for zero.
     */
    private static TenantPolicy.Usage usage(List<Messages.LimitUsage> usage) {
        java.util.Map<String, TenantPolicy.Totals> totals = new java.util.HashMap<>();
        for (Messages.LimitUsage u : usage) {
            totals.put(u.ruleId() + "#" + u.limit(), new TenantPolicy.Totals(u.value(), u.count()));
        }
        return (rule, index) -> {
            TenantPolicy.Totals found = totals.get(rule.id() + "#" + index);
            if (found == null) {
                throw new InvalidPayloadException("no totals for limit " + index + " of rule " + rule.id());
            }
            return found;
        };
    }

    /** v: legacy = chainId * 2 + 35 + yParity (EIP-155); otherwise 27 + yParity (protocol contract). */
    static Messages.SignResponse response(SignatureResult result, SigningPayload payload, String policyRuleId) {
        var sig = result.signature();
        BigInteger v27 = BigInteger.valueOf(27L + sig.yParity());
        return switch (result) {
            case SignatureResult.SignedTransaction tx -> new Messages.SignResponse(sig.r(), sig.s(), sig.yParity(),
                    payload instanceof LegacyTransaction ? tx.v() : v27, tx.rawTransaction(), tx.transactionHash(),
                    null, policyRuleId);
            case SignatureResult.SignedMessage m -> new Messages.SignResponse(sig.r(), sig.s(), sig.yParity(), v27,
                    null, null, m.messageHash(), policyRuleId);
        };
    }

    private byte[] sealPolicy(Messages.SealPolicyRequest request) throws EnclaveException {
        try (SecretBytes dek = deks.open(request.tenantId(), request.dek(), request.credentials())) {
            return new Messages.SealPolicyResponse(policies.seal(request.tenantId(), dek, request.version(),
                    request.document())).encode();
        }
    }

    /** SIGN's policy step alone, on the same sealed policy: what would be decided, and which rules matched. */
    private byte[] evaluatePolicy(Messages.EvaluatePolicyRequest request) throws EnclaveException {
        SigningPayload payload = PayloadMapper.toCore(request.payload());
        TenantPolicy.Evaluation evaluation;
        try (SecretBytes dek = deks.open(request.tenantId(), request.dek(), request.credentials())) {
            evaluation = new TenantPolicy(policies.open(request.tenantId(), dek, request.policy()),
                    usage(request.usage())).explain(payload);
        }
        Messages.EvaluatePolicyResponse response = switch (evaluation.decision()) {
            case PolicyDecision.Allow allow -> new Messages.EvaluatePolicyResponse(true, allow.ruleId(),
                    "allowed by rule " + allow.ruleId(), evaluation.matchedRuleIds());
            case PolicyDecision.Deny deny -> new Messages.EvaluatePolicyResponse(false, deny.ruleId(), deny.reason(),
                    evaluation.matchedRuleIds());
        };
        return response.encode();
    }

    private static String bounded(String message) {
        return message == null ? "" : message.length() <= MAX_ERROR_MESSAGE
                ? message : message.substring(0, MAX_ERROR_MESSAGE) + "...";
    }
}
