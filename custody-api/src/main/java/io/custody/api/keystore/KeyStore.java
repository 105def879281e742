package io.custody.api.keystore;

import java.util.List;
import java.util.UUID;

/**
 * Where wrapped account keys are kept between their creation in the enclave and their use in a
 * signature. Holds ciphertext only: nothing here can open a wrapped key.
 */
public interface KeyStore {

    /** {@code key_shards.store} of a shard kept as a Secrets Manager secret. */
    String SECRETS_MANAGER = "SECRETS_MANAGER";
    /** {@code key_shards.store} of a shard whose keys live in {@code accounts.wrapped_key}. */
    String POSTGRES = "POSTGRES";

    /**
     * Writes a new shard of secp256k1 keys (the only curve today); see
     * {@link #store(UUID, int, KeyCurve, UUID, List)}.
     */
    default StoredShard store(UUID tenantId, int dekVersion, UUID shardId, List<ShardEntry> entries) {
        return store(tenantId, dekVersion, KeyCurve.SECP256K1, shardId, entries);
    }

    /**
     * Writes a new shard; the slot of each account is its index in {@code entries}. The shard is
     * durable when this returns, so the caller may then commit the rows that reference it.
     * Repeating the call with the same shard id and the same entries is harmless (it returns the
     * same shard); a different shard under an existing id is refused ({@code MISMATCH}).
     *
     * @throws IllegalArgumentException if the entries are not a valid {@link Shard} (none, an
     *         account twice, or too many to fit), before any I/O
     * @throws KeyStoreException if the store cannot make the shard durable
     */
    StoredShard store(UUID tenantId, int dekVersion, KeyCurve curve, UUID shardId, List<ShardEntry> entries);

    /**
     * The wrapped key of {@code accountId}, found at {@code location}. The entry at that slot must
     * belong to {@code accountId} and the shard must be the one the location names: anything
     * else means a tampered or mixed-up shard and is refused.
     *
     * @throws KeyStoreException with the reason the key cannot be returned
     */
    byte[] wrappedKey(ShardLocation location, UUID accountId);
}
