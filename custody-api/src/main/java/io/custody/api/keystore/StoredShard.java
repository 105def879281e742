package io.custody.api.keystore;

import java.util.Objects;
import java.util.UUID;

/**
 * A shard made durable: the values of its {@code key_shards} row. {@code secretName} and
 * {@code secretArn} are set for {@link KeyStore#SECRETS_MANAGER} and null for
 * {@link KeyStore#POSTGRES}, as the table's {@code key_shards_secret_check} requires.
 */
public record StoredShard(UUID shardId, String store, String secretName, String secretArn, int formatVersion,
        int entryCount) {

    public StoredShard {
        Objects.requireNonNull(shardId, "shardId");
        boolean hasSecret = secretName != null && secretArn != null;
        boolean noSecret = secretName == null && secretArn == null;
        if (!(KeyStore.SECRETS_MANAGER.equals(store) && hasSecret) && !(KeyStore.POSTGRES.equals(store) && noSecret)) {
            throw new IllegalArgumentException("store " + store + " does not match its secret name and ARN");
        }
        if (formatVersion < 1 || entryCount < 1) {
            throw new IllegalArgumentException("formatVersion and entryCount must be >= 1");
        }
    }
}
