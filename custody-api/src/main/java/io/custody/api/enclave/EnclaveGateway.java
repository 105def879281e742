package io.custody.api.enclave;

import io.custody.api.dev.EnclaveLauncher;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.Frame;
import io.custody.enclave.protocol.Messages;
import io.custody.enclave.protocol.SignPayload;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * custody-api's one door to the enclave signer: the pooled client, the parent credentials that go
 * with KMS-bound requests, and the translation of signer failures into API problems.
 */
@ApplicationScoped
public class EnclaveGateway {
    private static final Logger LOG = Logger.getLogger(EnclaveGateway.class);

    @Inject
    EnclaveSettings settings;

    @Inject
    EnclaveLauncher launcher;

    @Inject
    ParentCredentials credentials;

    @ConfigProperty(name = "custody.kms.key-id")
    String kmsKeyId;

    private volatile EnclaveClient client;

    EnclaveClient client() {
        EnclaveClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    int port = launcher.isLaunched() ? launcher.port() : settings.port();
                    current = client = new EnclaveClient(new InetSocketAddress(settings.host(), port),
                            settings.connections(), settings.timeout(), settings.connectTimeout(), Frame.DEFAULT_MAX_SIZE);
                }
            }
        }
        return current;
    }

    /** Has the enclave generate a tenant's data key through KMS; the host receives only its ciphertext. */
    public Messages.CreateTenantKeyResponse createTenantKey(UUID tenantId, int version) {
        if (kmsKeyId == null || kmsKeyId.isBlank()) {
            throw new IllegalStateException("custody.kms.key-id (CUSTODY_KMS_KEY_ID) is not configured");
        }
        return call(() -> client().createTenantKey(
                new Messages.CreateTenantKeyRequest(tenantId, version, kmsKeyId, credentials.current())));
    }

    /** Has the enclave generate account keys, returned wrapped under the tenant's DEK. */
    public List<Messages.CreatedAccount> createAccounts(UUID tenantId, DataKeyRef dek, List<UUID> accountIds) {
        return call(() -> client().createAccounts(
                new Messages.CreateAccountsRequest(tenantId, dek, credentials.current(), accountIds))).accounts();
    }

    /**
     * Has the enclave verify the tenant's sealed policy, evaluate it, unwrap the account's key,
     * re-encode and check the payload, and sign it.
     */
    public Messages.SignResponse sign(UUID tenantId, UUID accountId, DataKeyRef dek, byte[] address, byte[] wrappedKey,
            SignPayload payload, Messages.SealedPolicy policy, List<Messages.LimitUsage> usage) {
        return call(() -> client().sign(new Messages.SignRequest(tenantId, accountId, dek, credentials.current(),
                address, wrappedKey, payload, policy, usage)));
    }

    /** Has the enclave check a policy document and seal it as {@code version} of the tenant's policy. */
    public byte[] sealPolicy(UUID tenantId, DataKeyRef dek, int version, byte[] document) {
        return call(() -> client().sealPolicy(new Messages.SealPolicyRequest(tenantId, dek, credentials.current(),
                version, document))).seal();
    }

    /** What the tenant's sealed policy decides for a payload, without signing it. */
    public Messages.EvaluatePolicyResponse evaluatePolicy(UUID tenantId, DataKeyRef dek, SignPayload payload,
            Messages.SealedPolicy policy, List<Messages.LimitUsage> usage) {
        return call(() -> client().evaluatePolicy(new Messages.EvaluatePolicyRequest(tenantId, dek,
                credentials.current(), payload, policy, usage)));
    }

    public Messages.AttestResponse attest(byte[] nonce) {
        return call(() -> client().attest(new Messages.AttestRequest(nonce)));
    }

    public Messages.HealthResponse health() throws EnclaveException {
        return client().health();
    }

    @FunctionalInterface
    interface EnclaveCall<T> {
        T run() throws EnclaveException;
    }

    /** Runs a signer call, answering the API's problems for the signer's failures. */
    <T> T call(EnclaveCall<T> operation) {
        try {
            return operation.run();
        } catch (EnclaveException e) {
            throw toProblem(e);
        }
    }

    static ApiException toProblem(EnclaveException e) {
        if (e.code() == io.custody.enclave.protocol.ErrorCode.POLICY_DENIED) { // the policy doing its job: not a warning
            return new ApiException(ErrorCode.POLICY_DENIED, null, e.detail().orElse(null),
                    "Refused by the tenant's policy: " + e.getMessage() + ".");
        }
        if (e.code() == io.custody.enclave.protocol.ErrorCode.INVALID_REQUEST && e.detail().filter("invalid_policy"::equals).isPresent()) {
            // The signer's message is the JSON path and the rule broken, never document content.
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            return new ApiException(ErrorCode.INVALID_POLICY, colon > 0 ? message.substring(0, colon) : null,
                    "The policy is invalid at " + message + ".");
        }
        LOG.warnf("Enclave signer refused or failed: %s", e);
        return switch (e.code()) {
            case UNAVAILABLE, TIMEOUT, OVERLOADED -> new ApiException(ErrorCode.SIGNER_UNAVAILABLE,
                    "The signer is unavailable; retry shortly.");
            case KMS_ACCESS_DENIED, KMS_FAILURE, ATTESTATION_FAILED -> new ApiException(ErrorCode.KEY_SERVICE_FAILURE,
                    "The key service refused or failed the request.");
            // The account's wrapped key did not open under its identity: a tampered or misplaced shard.
            case KEY_UNWRAP_FAILED -> new ApiException(ErrorCode.KEY_INTEGRITY_FAILURE,
                    "The account's stored key failed its integrity check; nothing was signed.");
            // The stored policy is not the one the enclave sealed last: altered, replaced or rolled back.
            case POLICY_SEAL_INVALID -> new ApiException(ErrorCode.POLICY_INTEGRITY_FAILURE,
                    "The tenant's stored policy failed its integrity check; nothing was signed.");
            // The signer re-encodes the payload itself and may refuse what passed the API's checks.
            // Its message is logged above, not returned: it may name client input of any length.
            case INVALID_REQUEST -> new ApiException(ErrorCode.VALIDATION_FAILED,
                    "The signer refused the request; see the API documentation for the payload rules.");
            default -> new ApiException(ErrorCode.INTERNAL_ERROR,
                    "The signer could not complete the request; quote the request id when reporting it.");
        };
    }

    void close(@Observes ShutdownEvent event) {
        EnclaveClient current = client;
        if (current != null) {
            current.close();
        }
    }
}
