package io.custody.api.keystore;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache of decoded shards, bounded by the total of their encoded sizes.
 * It holds ciphertext only (ARCHITECTURE.md §3: shard ciphertext is useless without the
 * enclave), so a hit needs no Secrets Manager call. Thread-safe: one lock around a small map.
 * The bound counts encoded bytes; the decoded objects take about twice that on the heap.
 */
final class ShardCache {

    private record Cached(Shard shard, int bytes) {
    }

    private final long capacityBytes;
    private final LinkedHashMap<String, Cached> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    ShardCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0 bytes, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** The shard cached under {@code key}, or null; counts a hit or a miss. */
    synchronized Shard get(String key) {
        Cached cached = entries.get(key);
        if (cached == null) {
            misses++;
            return null;
        }
        hits++;
        return cached.shard();
    }

    /**
     * Caches {@code shard} (of {@code encodedBytes}) under {@code key}, evicting the least
     * recently used shards until it fits. A shard larger than the whole cache is not cached.
     */
    synchronized void put(String key, Shard shard, int encodedBytes) {
        if (encodedBytes > capacityBytes) {
            return;
        }
        Cached previous = entries.remove(key);
        if (previous != null) {
            bytes -= previous.bytes();
        }
        Iterator<Map.Entry<String, Cached>> eldest = entries.entrySet().iterator();
        while (bytes + encodedBytes > capacityBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
            evictions++;
        }
        entries.put(key, new Cached(shard, encodedBytes));
        bytes += encodedBytes;
    }

    synchronized ShardCacheStats stats() {
        return new ShardCacheStats(hits, misses, evictions, entries.size(), bytes, capacityBytes);
    }
}
