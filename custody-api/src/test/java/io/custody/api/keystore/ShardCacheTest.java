package io.custody.api.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ShardCacheTest {

    private final Shard shard = TestShards.shard(1);

    @Test
    void put_overCapacity_evictsLeastRecentlyUsedFirst() {
        ShardCache cache = new ShardCache(300);
        cache.put("a", shard, 100);
        cache.put("b", shard, 100);
        cache.put("c", shard, 100);
        cache.get("a"); // b is now the eldest

        cache.put("d", shard, 150); // needs 150 of 300: b and c go, a stays

        assertSame(shard, cache.get("a"));
        assertNull(cache.get("b"));
        assertNull(cache.get("c"));
        assertSame(shard, cache.get("d"));
        ShardCacheStats stats = cache.stats();
        assertEquals(2, stats.evictions());
        assertEquals(250, stats.bytes());
        assertEquals(2, stats.shards());
    }

    @Test
    void put_ofAShardLargerThanTheWholeCache_cachesNothing_andEvictsNothing() {
        ShardCache cache = new ShardCache(100);
        cache.put("a", shard, 60);
        cache.put("big", shard, 101);

        assertNull(cache.get("big"));
        assertSame(shard, cache.get("a"));
        assertEquals(0, cache.stats().evictions());
    }

    @Test
    void put_twiceUnderOneKey_countsItsBytesOnce() {
        ShardCache cache = new ShardCache(1000);
        cache.put("a", shard, 100);
        cache.put("a", shard, 100);

        assertEquals(100, cache.stats().bytes());
        assertEquals(1, cache.stats().shards());
    }

    @Test
    void capacity_isNeverExceeded_underConcurrentUse() throws Exception {
        ShardCache cache = new ShardCache(1_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        String key = "k" + ThreadLocalRandom.current().nextInt(50);
                        if (cache.get(key) == null) {
                            cache.put(key, shard, 10 + ThreadLocalRandom.current().nextInt(200));
                        }
                        assertTrue(cache.stats().bytes() <= 1_000);
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ShardCacheStats stats = cache.stats();
        assertEquals(40_000, stats.hits() + stats.misses());
        assertTrue(stats.bytes() <= 1_000);
    }

    @Test
    void capacity_mustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> new ShardCache(-1));
    }
}
