package io.custody.api.accounts;

import io.custody.api.audit.AuditLog;
import io.custody.api.enclave.EnclaveGateway;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.PathIds;
import io.custody.api.keystore.KeyStore;
import io.custody.api.keystore.ShardLocation;
import io.custody.api.policies.PolicyLimits;
import io.custody.api.policies.PolicyService;
import io.custody.api.signing.SignatureResponse;
import io.custody.api.signing.SignatureResponses;
import io.custody.api.signing.SigningRequest;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages;
import io.custody.model.tenant.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

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

    /** What signing needs about the account, read in one statement (the hot path avoids the ORM). */
    private record SigningContext(String tenantStatus, UUID accountId, byte[] address, int dekVersion, int slot,
            byte[] wrappedKey, UUID shardId, String secretArn, String kmsKeyId, byte[] dekCiphertext,
            Messages.SealedPolicy policy) {
    }

    private static final String CONTEXT_SQL = """
            SELECT t.status, a.id, a.address, a.dek_version, a.shard_slot, a.wrapped_key, s.id, s.secret_arn,
                   d.kms_key_id, d.ciphertext, p.version, p.document, p.seal
            FROM tenants t
            LEFT JOIN accounts a ON a.tenant_id = t.id AND %s
            LEFT JOIN key_shards s ON s.id = a.shard_id AND s.tenant_id = a.tenant_id
            LEFT JOIN tenant_data_keys d ON d.tenant_id = a.tenant_id AND d.version = a.dek_version
            """ + PolicyService.NEWEST_POLICY_JOIN + "WHERE t.id = ?";

    @Inject
    DataSource dataSource;

    @Inject
    PolicyLimits policyLimits;

    @Transactional
    public SignatureResponse sign(UUID tenantId, String accountIdOrAddress, SigningRequest request) {
        SigningContext account = load(tenantId, accountIdOrAddress);
        if (!TenantStatus.ACTIVE.name().equals(account.tenantStatus())) {
            throw new ApiException(ErrorCode.TENANT_SUSPENDED, "The tenant is suspended: it cannot sign.");
        }
        byte[] wrappedKey = account.wrappedKey() != null
                ? account.wrappedKey() // PostgreSQL key store
                : keyStore.wrappedKey(new ShardLocation(tenantId, account.shardId(), account.secretArn(), account.slot()),
                        account.accountId());
        // Windowed limits: the account (and tenant) stay locked from reading their totals to the
        // commit that records this signature, so concurrent requests never exceed a limit.
        List<PolicyLimits.Limit> limits = policyLimits.of(account.policy());
        List<Messages.LimitUsage> usage;
        try (Connection connection = dataSource.getConnection()) { // the transaction's connection
            usage = policyLimits.lockAndRead(connection, tenantId, account.accountId(), limits);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the policy's limit totals", e);
        }
        Messages.SignResponse signed;
        try {
            signed = enclave.sign(tenantId, account.accountId(),
                    new DataKeyRef(account.dekVersion(), account.kmsKeyId(), account.dekCiphertext()), account.address(),
                    wrappedKey, request.payload(), account.policy(), usage);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.POLICY_DENIED) { // audited although nothing is signed
                Map<String, Object> details = details(request, account);
                details.put("policyVersion", account.policy().version());
                details.put("ruleId", e.ruleId());
                details.put("reason", e.detail());
                audit.recordRefusal(tenantId, "signature.create", "account", account.accountId(), details);
            }
            throw e;
        }
        SignatureResponse response = SignatureResponses.from(request, signed);

        Map<String, Object> details = details(request, account);
        if (request.type().isTransaction()) {
            details.put("transactionHash", hex(signed.transactionHash()));
        } else {
            details.put("messageHash", hex(signed.messageHash()));
        }
        details.put("policyVersion", account.policy().version());
        details.put("ruleId", signed.policyRuleId());
        if (limits.stream().anyMatch(limit -> limit.ruleId().equals(signed.policyRuleId()))) {
            try (Connection connection = dataSource.getConnection()) {
                policyLimits.record(connection, tenantId, account.accountId(), signed.policyRuleId(),
                        request.value() == null ? BigInteger.ZERO : request.value());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot record the signature against its limits", e);
            }
        }
        audit.recordNow(tenantId, "signature.create", "account", account.accountId(), details);
        return response;
    }

    private static Map<String, Object> details(SigningRequest request, SigningContext account) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", request.type().jsonName());
        details.put("address", Addresses.checksummed(account.address()));
        if (request.chainId() != null) {
            details.put("chainId", request.chainId().toString());
        }
        if (request.type().isTransaction()) {
            details.put("to", request.to());
            details.put("value", request.value() == null ? null : request.value().toString());
        }
        return details;
    }

    private SigningContext load(UUID tenantId, String accountIdOrAddress) {
        boolean byAddress = Addresses.looksLikeAddress(accountIdOrAddress);
        Object key = byAddress ? Addresses.parse("accountId", accountIdOrAddress)
                : PathIds.parse("accountId", accountIdOrAddress);
        String sql = CONTEXT_SQL.formatted(byAddress ? "a.address = ?" : "a.id = ?");
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, key);
            statement.setObject(2, tenantId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.tenantNotFound();
                }
                if (row.getObject(2) == null) {
                    throw new ApiException(ErrorCode.ACCOUNT_NOT_FOUND, "No such account.");
                }
                if (row.getString(9) == null) {
                    throw new IllegalStateException("account " + row.getObject(2) + " names a missing DEK version");
                }
                return new SigningContext(row.getString(1), row.getObject(2, UUID.class), row.getBytes(3), row.getInt(4),
                        row.getInt(5), row.getBytes(6), row.getObject(7, UUID.class), row.getString(8), row.getString(9),
                        row.getBytes(10), PolicyService.sealed(row.getObject(11, Integer.class), row.getString(12),
                                row.getBytes(13)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the account to sign with", e);
        }
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : "0x" + HexFormat.of().formatHex(bytes);
    }
}
