package io.custody.model.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A write-once container of wrapped account keys: a Secrets Manager secret, or (PostgreSQL key
 * store) the accounts' own rows. Its row is committed with the accounts that reference it, after
 * the shard is durable; a shard without a row is garbage for the sweeper.
 */
@Entity
@Table(name = "key_shards")
public class KeyShard extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "dek_version", nullable = false, updatable = false)
    public int dekVersion;

    @Column(nullable = false, updatable = false)
    public String store;

    @Column(name = "secret_name", updatable = false)
    public String secretName;

    @Column(name = "secret_arn", updatable = false)
    public String secretArn;

    @Column(name = "format_version", nullable = false, updatable = false)
    public short formatVersion;

    @Column(name = "entry_count", nullable = false, updatable = false)
    public int entryCount;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static boolean existsWithSecret(String secretName) {
        return count("secretName", secretName) > 0;
    }
}
