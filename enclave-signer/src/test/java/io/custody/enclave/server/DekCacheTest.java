package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.SecretBytes;
import io.custody.enclave.protocol.DataKeyRef;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DekCacheTest {

    private static final String ARN = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000001";
    private final AtomicLong now = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    private DekCache cache(Duration ttl, long maxUses, int maxEntries) {
        return new DekCache(ttl, maxUses, maxEntries, now::get);
    }

    private static DekCache.Key key(UUID tenant, int version, String arn, byte[] blob) {
        return DekCache.Key.of(tenant, new DataKeyRef(version, arn, blob));
    }

    @Test
    void get_returnsACopyThatSurvivesEviction_andEvictionWipesTheCachedSecret() {
        DekCache cache = cache(Duration.ofSeconds(10), 100, 10);
        DekCache.Key key = key(UUID.randomUUID(), 1, ARN, new byte[] {1});
        try (SecretBytes dek = SecretBytes.random(32, random)) {
            cache.put(key, dek, 0);
            List<byte[]> cached = new ArrayList<>();
            cache.forEachDekForTestOnly(cached::add);
            assertArrayEquals(dek.unsafeBytes(), cached.getFirst());
            try (SecretBytes copy = cache.get(key)) {
                assertArrayEquals(dek.unsafeBytes(), copy.unsafeBytes());
                cache.clear();
                assertArrayEquals(dek.unsafeBytes(), copy.unsafeBytes(), "a request's copy is not zeroed under it");
            }
            assertNull(cache.get(key));
        }
    }

    @Test
    void entry_expiresAtItsTtl() {
        DekCache cache = cache(Duration.ofSeconds(10), 100, 10);
        DekCache.Key key = key(UUID.randomUUID(), 1, ARN, new byte[] {1});
        try (SecretBytes dek = SecretBytes.random(32, random)) {
            cache.put(key, dek, 0);
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
        try (SecretBytes hit = cache.get(key)) {
            assertNotNull(hit);
        }
        now.addAndGet(1);
        assertNull(cache.get(key));
        assertEquals(new DekCache.Stats(1, 1, 1, 0), cache.stats());
    }

    @Test
    void entry_isEvictedAfterMaxUses() {
        DekCache cache = cache(Duration.ofSeconds(10), 3, 10);
        DekCache.Key key = key(UUID.randomUUID(), 1, ARN, new byte[] {1});
        try (SecretBytes dek = SecretBytes.random(32, random)) {
            cache.put(key, dek, 0);
        }
        for (int i = 0; i < 3; i++) {
            cache.get(key).close();
        }
        assertNull(cache.get(key), "the fourth use goes back to KMS");
        assertEquals(0, cache.stats().size());
    }

    @Test
    void sizeBound_evictsTheLeastRecentlyUsed() {
        DekCache cache = cache(Duration.ofSeconds(10), 100, 2);
        DekCache.Key a = key(UUID.randomUUID(), 1, ARN, new byte[] {1});
        DekCache.Key b = key(UUID.randomUUID(), 1, ARN, new byte[] {2});
        DekCache.Key c = key(UUID.randomUUID(), 1, ARN, new byte[] {3});
        try (SecretBytes dek = SecretBytes.random(32, random)) {
            cache.put(a, dek, 0);
            cache.put(b, dek, 0);
            cache.get(a).close(); // a is now more recent than b
            cache.put(c, dek, 0);
        }
        assertNull(cache.get(b));
        try (SecretBytes hitA = cache.get(a); SecretBytes hitC = cache.get(c)) {
            assertNotNull(hitA);
            assertNotNull(hitC);
        }
        assertEquals(2, cache.stats().size());
    }

    @Test
    void key_separatesTenantVersionKeyArnAndCiphertext() {
        UUID tenant = UUID.randomUUID();
        DekCache.Key base = key(tenant, 1, ARN, new byte[] {1});
        assertEquals(base, key(tenant, 1, ARN, new byte[] {1}));
        assertTrue(!base.equals(key(UUID.randomUUID(), 1, ARN, new byte[] {1})));
        assertTrue(!base.equals(key(tenant, 2, ARN, new byte[] {1})));
        assertTrue(!base.equals(key(tenant, 1, ARN.replace("0001", "0002"), new byte[] {1})));
        assertTrue(!base.equals(key(tenant, 1, ARN, new byte[] {2})));
    }

    @Test
    void evictExpired_wipesOnlyExpiredEntries() {
        DekCache cache = cache(Duration.ofSeconds(10), 100, 10);
        DekCache.Key old = key(UUID.randomUUID(), 1, ARN, new byte[] {1});
        DekCache.Key fresh = key(UUID.randomUUID(), 1, ARN, new byte[] {2});
        try (SecretBytes dek = SecretBytes.random(32, random)) {
            cache.put(old, dek, 0);
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            cache.put(fresh, dek, 0);
            now.addAndGet(Duration.ofSeconds(5).toNanos());
        }
        assertEquals(1, cache.evictExpired());
        assertEquals(1, cache.stats().size());
    }
}
