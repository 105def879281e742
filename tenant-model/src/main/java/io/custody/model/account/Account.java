package io.custody.model.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A blockchain account of a tenant: its address and public key, and where its wrapped private key
 * is kept (a slot of a key shard). The private key itself exists in plaintext only in the enclave.
 */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(nullable = false, updatable = false)
    public byte[] address;

    @Column(name = "public_key", nullable = false, updatable = false)
    public byte[] publicKey;

    @Column(nullable = false, updatable = false)
    public String curve;

    @Column(updatable = false)
    public String label;

    @Column(name = "batch_id", updatable = false)
    public UUID batchId;

    @Column(name = "dek_version", nullable = false, updatable = false)
    public int dekVersion;

    @Column(name = "shard_id", nullable = false, updatable = false)
    public UUID shardId;

    @Column(name = "shard_slot", nullable = false, updatable = false)
    public int shardSlot;

    /** Only for the PostgreSQL key store; null when the key lives in a Secrets Manager shard. */
    @Column(name = "wrapped_key", updatable = false)
    public byte[] wrappedKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static Optional<Account> findInTenant(UUID tenantId, UUID accountId) {
        return find("tenantId = ?1 and id = ?2", tenantId, accountId).firstResultOptional();
    }

    public static Optional<Account> findByAddress(UUID tenantId, byte[] address) {
        return find("tenantId = ?1 and address = ?2", tenantId, address).firstResultOptional();
    }

    /** One keyset page of a tenant's accounts in id order, optionally filtered. */
    public static List<Account> page(UUID tenantId, UUID afterId, String labelPrefix, byte[] address, UUID batchId,
            int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        var params = io.quarkus.panache.common.Parameters.with("tenant", tenantId);
        if (afterId != null) {
            query.append(" and id > :after");
            params.and("after", afterId);
        }
        if (labelPrefix != null) {
            // Escape LIKE wildcards: a prefix is matched literally.
            query.append(" and label like :prefix escape '\\'");
            params.and("prefix", labelPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (address != null) {
            query.append(" and address = :address");
            params.and("address", address);
        }
        if (batchId != null) {
            query.append(" and batchId = :batch");
            params.and("batch", batchId);
        }
        return find(query.append(" order by id").toString(), params).page(0, limit).list();
    }
}
