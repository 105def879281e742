package io.custody.api.keystore;

import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL-only key store (ARCHITECTURE.md §3), for deployments without Secrets Manager:
 * each wrapped key lives in its own account row ({@code accounts.wrapped_key}), and the shard is
 * only a {@code key_shards} row with store {@value KeyStore#POSTGRES} and no secret.
 *
 * <p>So {@link #store} performs no I/O: it checks the entries as a {@link Shard} (same bounds
 * as a Secrets Manager shard, so batch code sizes shards one way) and returns the row to insert;
 * the caller writes each entry's wrapped key into the account row it inserts, in the same
 * transaction, which is what makes it durable. There is no separate object to read back:
 * {@link #wrappedKey} refuses, and the signing path reads the key from the account row it has
 * already loaded (it must branch on {@code key_shards.store}, or on a non-null wrapped key).
 */
public final class PostgresKeyStore implements KeyStore {

    @Override
    public StoredShard store(UUID tenantId, int dekVersion, KeyCurve curve, UUID shardId, List<ShardEntry> entries) {
        Shard shard = new Shard(tenantId, shardId, dekVersion, curve, entries);
        return new StoredShard(shardId, POSTGRES, null, null, ShardFormat.VERSION, shard.size());
    }

    /**
     * Not used with this store: the wrapped key is {@code accounts.wrapped_key} of the account row.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public byte[] wrappedKey(ShardLocation location, UUID accountId) {
        throw new UnsupportedOperationException(
                "POSTGRES shards have no secret: read the wrapped key from accounts.wrapped_key");
    }
}
