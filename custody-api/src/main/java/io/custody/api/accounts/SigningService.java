package io.custody.api.accounts;

import io.custody.api.audit.AuditLog;
import io.custody.api.enclave.EnclaveGateway;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.keystore.KeyStore;
import io.custody.api.keystore.ShardLocation;
import io.custody.api.signing.SignatureResponse;
import io.custody.api.signing.SignatureResponses;
import io.custody.api.signing.SigningRequest;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages;
import io.custody.model.account.Account;
import io.custody.model.account.KeyShard;
import io.custody.model.tenant.Tenant;
import io.custody.model.tenant.TenantDataKey;
import io.custody.model.tenant.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs for an account: finds its wrapped key, has the enclave re-encode, check and sign the
 * structured payload, and records the signature in the audit trail in the same transaction. The
 * response leaves only after that transaction commits: no audit row, no signature (invariant 5).
 */
@ApplicationScoped
public class SigningService {

    @Inject
    EnclaveGateway enclave;

    @Inject
    KeyStore keyStore;

    @Inject
    AuditLog audit;

    @Transactional
    public SignatureResponse sign(UUID tenantId, String accountIdOrAddress, SigningRequest request) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null) {
            throw ApiException.tenantNotFound();
        }
        if (tenant.status != TenantStatus.ACTIVE) {
            throw new ApiException(ErrorCode.TENANT_SUSPENDED, "The tenant is suspended: it cannot sign.");
        }
        Account account = AccountService.find(tenantId, accountIdOrAddress);
        TenantDataKey dek = TenantDataKey.version(tenantId, account.dekVersion)
                .orElseThrow(() -> new IllegalStateException("account " + account.id + " names a missing DEK version"));
        byte[] wrappedKey = wrappedKey(account);
        Messages.SignResponse signed = enclave.sign(tenantId, account.id,
                new DataKeyRef(dek.id.version(), dek.kmsKeyId, dek.ciphertext), account.address, wrappedKey,
                request.payload());
        SignatureResponse response = SignatureResponses.from(request, signed);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", request.type().jsonName());
        details.put("address", Addresses.checksummed(account.address));
        if (request.chainId() != null) {
            details.put("chainId", request.chainId().toString());
        }
        if (request.type().isTransaction()) {
            details.put("to", request.to());
            details.put("value", request.value() == null ? null : request.value().toString());
            details.put("transactionHash", hex(signed.transactionHash()));
        } else {
            details.put("messageHash", hex(signed.messageHash()));
        }
        audit.record(tenantId, "signature.create", "account", account.id, details);
        return response;
    }

    private byte[] wrappedKey(Account account) {
        if (account.wrappedKey != null) {
            return account.wrappedKey; // PostgreSQL key store
        }
        KeyShard shard = KeyShard.findById(account.shardId);
        return keyStore.wrappedKey(new ShardLocation(account.tenantId, shard.id, shard.secretArn, account.shardSlot),
                account.id);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : "0x" + HexFormat.of().formatHex(bytes);
    }
}
