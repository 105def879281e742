package io.custody.api.keystore;

import java.util.Objects;
import java.util.UUID;

/**
 * Where the database says an account's wrapped key is: the shard ({@code accounts.tenant_id},
 * {@code accounts.shard_id}), its secret ({@code key_shards.secret_arn}) and the slot
 * ({@code accounts.shard_slot}). The key store checks the shard it reads against all of it.
 */
public record ShardLocation(UUID tenantId, UUID shardId, String secretArn, int slot) {

    public ShardLocation {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(secretArn, "secretArn");
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be >= 0, got " + slot);
        }
    }
}
