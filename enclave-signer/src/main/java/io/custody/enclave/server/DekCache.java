package io.custody.enclave.server;

import io.custody.enclave.SecretBytes;
import io.custody.enclave.protocol.DataKeyRef;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Unwrapped tenant DEKs, so that a signature costs microseconds instead of a KMS round trip
 * (ARCHITECTURE.md §2). Bounds, each with the threat it limits:
 * <ol>
 *   <li>time to live from the KMS call that produced the DEK — bounds how long a revoked key policy
 *       (a PCR0 no longer allowed, a disabled key) goes unnoticed, and how long plaintext lives;
 *   <li>uses per entry — bounds how much one unwrap serves before KMS is asked again;
 *   <li>entries (LRU) — bounds the memory that plaintext DEKs occupy.
 * </ol>
 * An evicted entry is wiped at once. Readers never hold the cached secret itself: {@link #get}
 * returns a copy that the caller closes, so an eviction can never zero a DEK that a request is
 * using. Keyed by (tenant, DEK version, KMS key ARN, SHA-256 of the ciphertext blob): the same
 * ciphertext presented for another tenant, version or key is a different entry, and goes to KMS.
 * Thread-safe (one lock; every operation under it is a map operation or a 32-byte copy).
 */
final class DekCache implements AutoCloseable {

    static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** The identity of a cached DEK; the blob enters only as its hash. */
    record Key(UUID tenantId, int dekVersion, String kmsKeyArn, String ciphertextSha256) {
        static Key of(UUID tenantId, DataKeyRef ref) {
            return new Key(tenantId, ref.version(), ref.kmsKeyId(), sha256(ref.ciphertextBlob()));
        }
    }

    /** Counters since start. */
    record Stats(long hits, long misses, long evictions, int size) {
        @Override
        public String toString() {
            return "hits=" + hits + " misses=" + misses + " evictions=" + evictions + " size=" + size;
        }
    }

    private static final class Entry {
        final SecretBytes dek;
        final long loadedAtNanos;
        long uses;

        Entry(SecretBytes dek, long loadedAtNanos) {
            this.dek = dek;
            this.loadedAtNanos = loadedAtNanos;
        }
    }

    private final long ttlNanos;
    private final long maxUses;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<Key, Entry> entries;
    private long hits;
    private long misses;
    private long evictions;

    DekCache(Duration ttl, long maxUses, int maxEntries, LongSupplier nanoTime) {
        if (ttl.isNegative() || ttl.isZero() || maxUses < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("cache bounds must be positive");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxUses = maxUses;
        this.maxEntries = maxEntries;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        // Access order: the eldest entry is the least recently used (bound 3).
        this.entries = new LinkedHashMap<>(64, 0.75f, true);
    }

    /**
     * A copy of the cached DEK for {@code key} (the caller closes it), or {@code null} when absent,
     * expired or used up. Counts one use.
     */
    synchronized SecretBytes get(Key key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            misses++;
            return null;
        }
        if (expired(entry, nanoTime.getAsLong()) || entry.uses >= maxUses) { // bounds 1 and 2
            evict(key);
            misses++;
            return null;
        }
        entry.uses++;
        hits++;
        return SecretBytes.copyOf(entry.dek.unsafeBytes());
    }

    /**
     * Caches a copy of {@code dek} (the caller keeps and closes its own), replacing and wiping an
     * older entry. {@code usesSoFar} is 1 when the caller loaded it for a request (that request is
     * its first use), 0 when nothing has used it yet.
     */
    synchronized void put(Key key, SecretBytes dek, int usesSoFar) {
        Entry entry = new Entry(SecretBytes.copyOf(dek.unsafeBytes()), nanoTime.getAsLong());
        entry.uses = usesSoFar;
        Entry previous = entries.put(key, entry);
        if (previous != null) {
            previous.dek.close();
        }
        while (entries.size() > maxEntries) { // bound 3
            evict(entries.keySet().iterator().next());
        }
    }

    /** Wipes every expired entry; run periodically so that idle DEKs do not outlive their TTL. */
    synchronized int evictExpired() {
        long now = nanoTime.getAsLong();
        List<Key> expired = new ArrayList<>();
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            if (expired(e.getValue(), now)) {
                expired.add(e.getKey());
            }
        }
        expired.forEach(this::evict);
        return expired.size();
    }

    /** Wipes every entry. */
    synchronized void clear() {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            it.next().dek.close();
            it.remove();
            evictions++;
        }
    }

    synchronized Stats stats() {
        return new Stats(hits, misses, evictions, entries.size());
    }

    /**
     * TEST ONLY: shows each cached DEK to {@code view} (the secret-hygiene test searches the logs for
     * them). Package-private and named so that any other use stands out in review.
     */
    synchronized void forEachDekForTestOnly(Consumer<byte[]> view) {
        entries.values().forEach(e -> view.accept(e.dek.unsafeBytes().clone()));
    }

    @Override
    public void close() {
        clear();
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.loadedAtNanos >= ttlNanos;
    }

    private void evict(Key key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            removed.dek.close();
            evictions++;
        }
    }

    private static String sha256(byte[] blob) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
