package io.custody.api.policies;

import io.custody.api.enclave.EnclaveGateway;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.signing.SigningRequest;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Dry runs: what the tenant's current sealed policy decides for a request, asked of the enclave. */
@ApplicationScoped
public class PolicyEvaluation {

    @Inject
    DataSource dataSource;

    @Inject
    EnclaveGateway enclave;

    @Inject
    PolicyLimits limits;

    /**
     * @param ruleId         the deciding rule; null when no rule allowed the request
     * @param matchedRuleIds every rule whose conditions matched, in document order
     */
    public record Result(boolean allowed, String ruleId, String reason, List<String> matchedRuleIds,
            int policyVersion) {
    }

    /** @param accountId whose account-wide limit totals count; null: they count from zero */
    public Result evaluate(UUID tenantId, UUID accountId, SigningRequest request) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement("""
                SELECT p.version, p.document, p.seal, d.version, d.kms_key_id, d.ciphertext
                FROM tenants t
                """ + PolicyService.NEWEST_POLICY_JOIN + """
                LEFT JOIN tenant_data_keys d ON d.tenant_id = t.id AND d.version = p.dek_version
                WHERE t.id = ?""")) {
            select.setObject(1, tenantId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.tenantNotFound();
                }
                if (row.getObject(1) == null) {
                    throw new ApiException(ErrorCode.NOT_FOUND, "The tenant has no policy.");
                }
                int version = row.getInt(1);
                Messages.SealedPolicy policy = PolicyService.sealed(version, row.getString(2), row.getBytes(3));
                Messages.EvaluatePolicyResponse response = enclave.evaluatePolicy(tenantId,
                        new DataKeyRef(row.getInt(4), row.getString(5), row.getBytes(6)), request.payload(), policy,
                        limits.read(connection, tenantId, accountId, limits.of(policy)));
                return new Result(response.allowed(), response.ruleId(), response.reason(), response.matchedRuleIds(),
                        version);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tenant's policy", e);
        }
    }
}
