package io.custody.api.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.api.audit.AuditLog;
import io.custody.api.auth.Caller;
import io.custody.api.enclave.EnclaveGateway;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages;
import io.custody.model.tenant.TenantDataKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tenant policies: versions are written once, each sealed by the enclave under the tenant's DEK
 * (which also checks the document: the enclave's parser is the one that enforces it). Signing
 * always uses the newest version.
 */
@ApplicationScoped
public class PolicyService {
    /** A new tenant's version 1: everything is allowed until a tenant admin writes a policy. */
    public static final String DEFAULT_POLICY = """
            {"rules": [{"id": "allow-all", "effect": "ALLOW", "description": "The default policy of a new tenant: \
            every request is allowed. Replace it with PUT /v1/tenants/{tenantId}/policy."}]}""";
    static final String DEFAULT_AUTHOR = "system:tenant-default";
    /**
     * Joins a tenant row {@code t} to the policy version that decides its signatures, its newest,
     * as {@code p} (version, document, seal, dek_version; all NULL when it has none). Ends a line.
     */
    public static final String NEWEST_POLICY_JOIN = """
            LEFT JOIN LATERAL (SELECT version, document, seal, dek_version FROM policies
                               WHERE tenant_id = t.id ORDER BY version DESC LIMIT 1) p ON true
            """;
    /** The largest document kept (the database's limit). */
    static final int MAX_BYTES = 256 * 1024;

    @Inject
    EntityManager em;

    @Inject
    EnclaveGateway enclave;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    /** Seals and stores a new tenant's default policy, in the transaction that creates the tenant. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void installDefault(UUID tenantId, DataKeyRef dek) {
        store(tenantId, dek, 1, DEFAULT_POLICY.getBytes(StandardCharsets.UTF_8), DEFAULT_AUTHOR);
    }

    /** Writes the next version of the tenant's policy. */
    @Transactional
    public PolicyView put(UUID tenantId, String document) {
        byte[] bytes = document == null ? new byte[0] : document.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new ApiException(ErrorCode.BODY_REQUIRED, "A policy document is required.");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(ErrorCode.INVALID_POLICY, "$", "The policy is larger than 256 KiB.");
        }
        // Locks the tenant: two concurrent writes get consecutive versions, not one twice.
        List<?> tenant = em.createNativeQuery("SELECT 1 FROM tenants WHERE id = :id FOR UPDATE")
                .setParameter("id", tenantId).getResultList();
        if (tenant.isEmpty()) {
            throw ApiException.tenantNotFound();
        }
        TenantDataKey key = TenantDataKey.activeFor(tenantId)
                .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no active data key"));
        int version = ((Number) em.createNativeQuery(
                "SELECT coalesce(max(version), 0) + 1 FROM policies WHERE tenant_id = :tenant")
                .setParameter("tenant", tenantId).getSingleResult()).intValue();
        store(tenantId, new DataKeyRef(key.id.version(), key.kmsKeyId, key.ciphertext), version, bytes, caller.actor());
        return rows(tenantId, 1, null).getFirst();
    }

    private void store(UUID tenantId, DataKeyRef dek, int version, byte[] document, String author) {
        byte[] seal = enclave.sealPolicy(tenantId, dek, version, document); // refuses an invalid document
        em.createNativeQuery("""
                INSERT INTO policies (tenant_id, version, document, dek_version, seal, created_by)
                VALUES (:tenant, :version, :document, :dek, :seal, :author)""")
                .setParameter("tenant", tenantId)
                .setParameter("version", version)
                .setParameter("document", new String(document, StandardCharsets.UTF_8))
                .setParameter("dek", dek.version())
                .setParameter("seal", seal)
                .setParameter("author", author)
                .executeUpdate();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", version);
        details.put("sha256", sha256(document));
        details.put("dekVersion", dek.version());
        audit.record(tenantId, version == 1 ? "policy.create" : "policy.update", "policy", null, details);
    }

    /** The newest version. */
    @Transactional
    public PolicyView current(UUID tenantId) {
        List<PolicyView> newest = versions(tenantId, 1, null);
        if (newest.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "The tenant has no policy.");
        }
        return newest.getFirst();
    }

    /** Versions, newest first, below {@code before} when given. */
    @Transactional
    public List<PolicyView> versions(UUID tenantId, int limit, Integer before) {
        if (em.createNativeQuery("SELECT 1 FROM tenants WHERE id = :id").setParameter("id", tenantId)
                .getResultList().isEmpty()) {
            throw ApiException.tenantNotFound();
        }
        return rows(tenantId, limit, before);
    }

    private List<PolicyView> rows(UUID tenantId, int limit, Integer before) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT version, document, created_by, created_at FROM policies
                WHERE tenant_id = :tenant AND version < :before ORDER BY version DESC LIMIT :limit""")
                .setParameter("tenant", tenantId)
                .setParameter("before", before == null ? Integer.MAX_VALUE : before)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(row -> view(((Number) row[0]).intValue(), (String) row[1], (String) row[2],
                instant(row[3]))).toList();
    }

    /** The newest sealed version, as the enclave takes it; null when the tenant has none. */
    public static Messages.SealedPolicy sealed(Integer version, String document, byte[] seal) {
        return version == null ? null
                : new Messages.SealedPolicy(version, document.getBytes(StandardCharsets.UTF_8), seal);
    }

    private PolicyView view(int version, String document, String author, Instant createdAt) {
        try {
            return new PolicyView(version, mapper.readTree(document), sha256(document.getBytes(StandardCharsets.UTF_8)),
                    author, createdAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored policy is not JSON", e);
        }
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            case java.time.OffsetDateTime time -> time.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
