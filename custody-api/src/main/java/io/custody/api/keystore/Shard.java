package io.custody.api.keystore;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A write-once group of wrapped account keys of one tenant, one DEK version and one curve; the
 * slot of an account is its index in {@link #entries()}. It checks its own consistency when
 * built: at least one entry, no account twice, and small enough for {@link ShardFormat}.
 */
public record Shard(UUID tenantId, UUID shardId, int dekVersion, KeyCurve curve, List<ShardEntry> entries) {

    public Shard {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(curve, "curve");
        if (dekVersion < 1) {
            throw new IllegalArgumentException("dekVersion must be >= 1, got " + dekVersion);
        }
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a shard holds at least one entry");
        }
        Set<UUID> seen = new HashSet<>();
        for (ShardEntry entry : entries) {
            if (!seen.add(entry.accountId())) {
                throw new IllegalArgumentException("account " + entry.accountId() + " appears twice in shard " + shardId);
            }
        }
        int size = ShardFormat.encodedSize(entries);
        if (size > ShardFormat.MAX_BYTES) {
            throw new IllegalArgumentException("shard " + shardId + " of " + entries.size() + " entries would take "
                    + size + " bytes, over the " + ShardFormat.MAX_BYTES + "-byte limit of a secret");
        }
    }

    public int size() {
        return entries.size();
    }

    /** The entry in {@code slot}, or null when the slot is outside the shard. */
    public ShardEntry entry(int slot) {
        return slot >= 0 && slot < entries.size() ? entries.get(slot) : null;
    }
}
