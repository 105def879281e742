package io.custody.api.keystore;

/**
 * The shard cache of a {@link SecretsManagerKeyStore}: counters since it was made (a miss is a
 * GetSecretValue) and what it holds now, in encoded bytes.
 */
public record ShardCacheStats(long hits, long misses, long evictions, int shards, long bytes, long capacityBytes) {
}
