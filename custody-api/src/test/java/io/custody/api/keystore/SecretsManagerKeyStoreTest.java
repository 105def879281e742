package io.custody.api.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.keystore.KeyStoreException.Reason;
import io.custody.awslocal.http.FaultRule;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

class SecretsManagerKeyStoreTest {

    private static final long ONE_MIB = 1 << 20;

    private static LocalSecrets local;
    private String prefix;
    private SecretsManagerKeyStore store;
    private final UUID tenant = UUID.randomUUID();

    @BeforeAll
    static void startEmulator() throws Exception {
        local = LocalSecrets.start();
    }

    @AfterAll
    static void stopEmulator() {
        local.close();
    }

    @BeforeEach
    void freshStore() {
        local.aws.faults().clear();
        local.aws.resetMetrics();
        prefix = LocalSecrets.freshPrefix();
        store = new SecretsManagerKeyStore(local.client, prefix, ONE_MIB);
    }

    @Test
    void store_writesOneBinarySecret_namedByPrefixTenantAndShard_taggedWithTheTenant() throws Exception {
        UUID shardId = UUID.randomUUID();
        List<ShardEntry> entries = TestShards.entries(3);

        StoredShard stored = store.store(tenant, 4, shardId, entries);

        String name = prefix + "/" + tenant + "/" + shardId;
        assertEquals(new StoredShard(shardId, KeyStore.SECRETS_MANAGER, name, stored.secretArn(), 1, 3), stored);
        assertTrue(stored.secretArn().startsWith("arn:aws:secretsmanager:us-east-1:"), stored.secretArn());
        var value = local.client.getSecretValue(r -> r.secretId(stored.secretArn()));
        assertNull(value.secretString());
        assertEquals(new Shard(tenant, shardId, 4, KeyCurve.SECP256K1, entries),
                ShardFormat.decode(value.secretBinary().asByteArray()));
        Map<String, String> tags = local.client.describeSecret(r -> r.secretId(name)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("custody:tenant", tenant.toString()), tags);
    }

    @Test
    void wrappedKey_returnsTheKeyOfEverySlot_ofAFullShard_withOneGetSecretValue() {
        List<ShardEntry> entries = TestShards.entries(ShardFormat.maxEntries(TestShards.WRAPPED_KEY_LENGTH));
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);

        for (int slot = 0; slot < entries.size(); slot++) {
            byte[] key = store.wrappedKey(location(stored, slot), entries.get(slot).accountId());
            assertArrayEquals(entries.get(slot).wrappedKey(), key, "slot " + slot);
        }
        assertEquals(1, local.calls("GetSecretValue"));
    }

    @Test
    void wrappedKey_withAnotherAccountForTheSlot_isRefusedAsMismatch() {
        List<ShardEntry> entries = TestShards.entries(2);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);

        assertRefused(Reason.MISMATCH, entries, () -> store.wrappedKey(location(stored, 0), entries.get(1).accountId()));
        assertRefused(Reason.MISMATCH, entries, () -> store.wrappedKey(location(stored, 1), UUID.randomUUID()));
    }

    @Test
    void wrappedKey_withASlotOutsideTheShard_isRefusedAsMismatch() {
        List<ShardEntry> entries = TestShards.entries(2);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);

        assertRefused(Reason.MISMATCH, entries, () -> store.wrappedKey(location(stored, 2), entries.get(0).accountId()));
    }

    @Test
    void wrappedKey_whenTheLocationNamesAnotherTenantOrShard_isRefusedAsMismatch_cachedOrNot() {
        List<ShardEntry> entries = TestShards.entries(1);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);
        UUID account = entries.get(0).accountId();
        var otherTenant = new ShardLocation(UUID.randomUUID(), stored.shardId(), stored.secretArn(), 0);
        var otherShard = new ShardLocation(tenant, UUID.randomUUID(), stored.secretArn(), 0);

        assertRefused(Reason.MISMATCH, entries, () -> store.wrappedKey(otherTenant, account)); // not cached
        assertArrayEquals(entries.get(0).wrappedKey(), store.wrappedKey(location(stored, 0), account));
        assertRefused(Reason.MISMATCH, entries, () -> store.wrappedKey(otherTenant, account)); // cached
        assertRefused(Reason.MISMATCH, entries, () -> store.wrappedKey(otherShard, account));
    }

    @Test
    void wrappedKey_ofASecretOverwrittenWithAnotherTenantsValidShard_isRefusedAsMismatch() {
        List<ShardEntry> entries = TestShards.entries(1);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);
        Shard foreign = new Shard(UUID.randomUUID(), stored.shardId(), 1, KeyCurve.SECP256K1, entries);
        overwrite(stored, ShardFormat.encode(foreign));

        assertRefused(Reason.MISMATCH, entries, () -> store.wrappedKey(location(stored, 0), entries.get(0).accountId()));
    }

    @Test
    void wrappedKey_ofATamperedSecret_isRefusedAsCorrupt() throws Exception {
        List<ShardEntry> entries = TestShards.entries(3);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);
        byte[] tampered = local.client.getSecretValue(r -> r.secretId(stored.secretArn())).secretBinary().asByteArray();
        tampered[ShardFormat.MIN_BYTES] ^= 0x01; // inside the first wrapped key
        overwrite(stored, tampered);

        var e = assertRefused(Reason.CORRUPT, entries,
                () -> store.wrappedKey(location(stored, 0), entries.get(0).accountId()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertEquals(0, store.cacheStats().shards(), "a corrupt shard is not cached");
    }

    @Test
    void wrappedKey_ofAStringSecret_isRefusedAsCorrupt() {
        List<ShardEntry> entries = TestShards.entries(1);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);
        local.client.putSecretValue(r -> r.secretId(stored.secretArn()).secretString("{\"not\":\"a shard\"}"));

        assertRefused(Reason.CORRUPT, entries, () -> store.wrappedKey(location(stored, 0), entries.get(0).accountId()));
    }

    @Test
    void wrappedKey_ofADeletedSecret_isRefusedAsMissing() {
        List<ShardEntry> entries = TestShards.entries(1);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);
        local.client.deleteSecret(r -> r.secretId(stored.secretArn()).forceDeleteWithoutRecovery(true));

        assertRefused(Reason.MISSING, entries, () -> store.wrappedKey(location(stored, 0), entries.get(0).accountId()));
    }

    @Test
    void wrappedKey_ofASecretScheduledForDeletion_isRefusedAsMissing() {
        List<ShardEntry> entries = TestShards.entries(1);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);
        local.client.deleteSecret(r -> r.secretId(stored.secretArn()).recoveryWindowInDays(7L));

        assertRefused(Reason.MISSING, entries, () -> store.wrappedKey(location(stored, 0), entries.get(0).accountId()));
    }

    @Test
    void wrappedKey_secondRead_makesNoGetSecretValue() {
        List<ShardEntry> entries = TestShards.entries(2);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);

        store.wrappedKey(location(stored, 0), entries.get(0).accountId());
        store.wrappedKey(location(stored, 1), entries.get(1).accountId());
        store.wrappedKey(location(stored, 0), entries.get(0).accountId());

        assertEquals(1, local.calls("GetSecretValue"));
        ShardCacheStats stats = store.cacheStats();
        assertEquals(2, stats.hits());
        assertEquals(1, stats.misses());
        assertEquals(1, stats.shards());
    }

    @Test
    void cache_overCapacity_evictsTheLeastRecentlyUsedShard() {
        List<ShardEntry> a = TestShards.entries(10);
        List<ShardEntry> b = TestShards.entries(10);
        List<ShardEntry> c = TestShards.entries(10);
        int shardBytes = ShardFormat.encode(new Shard(tenant, UUID.randomUUID(), 1, KeyCurve.SECP256K1, a)).length;
        store = new SecretsManagerKeyStore(local.client, prefix, 2L * shardBytes); // room for two
        StoredShard sa = store.store(tenant, 1, UUID.randomUUID(), a);
        StoredShard sb = store.store(tenant, 1, UUID.randomUUID(), b);
        StoredShard sc = store.store(tenant, 1, UUID.randomUUID(), c);

        store.wrappedKey(location(sa, 0), a.get(0).accountId()); // miss
        store.wrappedKey(location(sb, 0), b.get(0).accountId()); // miss
        store.wrappedKey(location(sa, 1), a.get(1).accountId()); // hit: b is now the eldest
        store.wrappedKey(location(sc, 0), c.get(0).accountId()); // miss, evicts b
        store.wrappedKey(location(sa, 2), a.get(2).accountId()); // hit
        store.wrappedKey(location(sb, 1), b.get(1).accountId()); // miss again

        assertEquals(4, local.calls("GetSecretValue"));
        ShardCacheStats stats = store.cacheStats();
        assertEquals(2, stats.hits());
        assertEquals(2, stats.evictions());
        assertEquals(2L * shardBytes, stats.bytes());
    }

    @Test
    void cache_ofZeroBytes_readsTheSecretEveryTime() {
        store = new SecretsManagerKeyStore(local.client, prefix, 0);
        List<ShardEntry> entries = TestShards.entries(1);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);

        store.wrappedKey(location(stored, 0), entries.get(0).accountId());
        store.wrappedKey(location(stored, 0), entries.get(0).accountId());

        assertEquals(2, local.calls("GetSecretValue"));
    }

    @Test
    void store_repeatedWithTheSameShard_returnsTheSameSecret_andCreatesNoSecondOne() {
        UUID shardId = UUID.randomUUID();
        List<ShardEntry> entries = TestShards.entries(5);

        StoredShard first = store.store(tenant, 1, shardId, entries);
        StoredShard retry = store.store(tenant, 1, shardId, entries);

        assertEquals(first, retry);
        assertEquals(1, local.list(prefix + "/").size());
        var versions = local.client.describeSecret(r -> r.secretId(first.secretArn())).versionIdsToStages();
        assertEquals(List.of(shardId.toString()), List.copyOf(versions.keySet()), "one version, token = shard id");
    }

    @Test
    void store_ofOtherEntriesUnderAnExistingShardId_isRefusedAsMismatch_andKeepsTheFirst() {
        UUID shardId = UUID.randomUUID();
        List<ShardEntry> entries = TestShards.entries(2);
        StoredShard first = store.store(tenant, 1, shardId, entries);
        List<ShardEntry> others = TestShards.entries(2);

        assertRefused(Reason.MISMATCH, others, () -> store.store(tenant, 1, shardId, others));
        assertArrayEquals(entries.get(1).wrappedKey(), store.wrappedKey(location(first, 1), entries.get(1).accountId()));
    }

    @Test
    void store_ofAnOversizeShard_isRefusedBeforeAnyCall() {
        List<ShardEntry> entries = TestShards.entries(ShardFormat.maxEntries(TestShards.WRAPPED_KEY_LENGTH) + 1);

        assertThrows(IllegalArgumentException.class, () -> store.store(tenant, 1, UUID.randomUUID(), entries));
        assertEquals(0, local.allCalls());
    }

    @Test
    void store_ofNoEntriesOrAnAccountTwice_isRefusedBeforeAnyCall() {
        List<ShardEntry> twice = new ArrayList<>(TestShards.entries(1));
        twice.add(new ShardEntry(twice.get(0).accountId(), new byte[61]));

        assertThrows(IllegalArgumentException.class, () -> store.store(tenant, 1, UUID.randomUUID(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> store.store(tenant, 1, UUID.randomUUID(), twice));
        assertEquals(0, local.allCalls());
    }

    @Test
    void store_whenCreateSecretIsThrottledTwice_succeedsOnTheSdkRetry_withOneSecret() {
        local.aws.faults().add(FaultRule.error("secretsmanager.CreateSecret", "ThrottlingException").times(2));
        List<ShardEntry> entries = TestShards.entries(2);

        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);

        assertEquals(3, local.calls("CreateSecret"));
        assertEquals(List.of(stored.secretName()), local.list(prefix + "/").stream().map(s -> s.name()).toList());
        assertArrayEquals(entries.get(0).wrappedKey(), store.wrappedKey(location(stored, 0), entries.get(0).accountId()));
    }

    @Test
    void store_whenCreateSecretStaysThrottled_failsAsUnavailable_afterTheSdkRetries_writingNothing() {
        local.aws.faults().add(FaultRule.error("secretsmanager.CreateSecret", "ThrottlingException"));
        List<ShardEntry> entries = TestShards.entries(2);

        assertRefused(Reason.UNAVAILABLE, entries, () -> store.store(tenant, 1, UUID.randomUUID(), entries));
        assertEquals(LocalSecrets.MAX_ATTEMPTS, local.calls("CreateSecret"));
        local.aws.faults().clear();
        assertEquals(List.of(), local.list(prefix + "/"));
    }

    @Test
    void wrappedKey_whenGetSecretValueStaysUnavailable_failsAsUnavailable_andCachesNothing() {
        List<ShardEntry> entries = TestShards.entries(1);
        StoredShard stored = store.store(tenant, 1, UUID.randomUUID(), entries);
        local.aws.faults().add(FaultRule.error("secretsmanager.GetSecretValue", "InternalServiceError"));

        assertRefused(Reason.UNAVAILABLE, entries, () -> store.wrappedKey(location(stored, 0), entries.get(0).accountId()));
        assertEquals(LocalSecrets.MAX_ATTEMPTS, local.calls("GetSecretValue"));
        local.aws.faults().clear();
        assertArrayEquals(entries.get(0).wrappedKey(), store.wrappedKey(location(stored, 0), entries.get(0).accountId()));
    }

    @Test
    void constructor_refusesAPrefixThatIsEmptyOrHasAStrayOrDoubleSlash() {
        for (String bad : new String[] {"", "/custody", "custody/", "custody//shards", "custody shards"}) {
            assertThrows(IllegalArgumentException.class, () -> new SecretsManagerKeyStore(local.client, bad, 0), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new SecretsManagerKeyStore(local.client, "custody", -1));
    }

    private static ShardLocation location(StoredShard stored, int slot) {
        UUID tenantId = UUID.fromString(stored.secretName().split("/")[2]);
        return new ShardLocation(tenantId, stored.shardId(), stored.secretArn(), slot);
    }

    private static void overwrite(StoredShard stored, byte[] value) {
        local.client.putSecretValue(r -> r.secretId(stored.secretArn()).secretBinary(SdkBytes.fromByteArray(value)));
    }

    /** The call fails for {@code reason}, and its message (and causes') shows none of the keys. */
    private static KeyStoreException assertRefused(Reason reason, List<ShardEntry> entries, Executable call) {
        KeyStoreException e = assertThrows(KeyStoreException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase();
            for (ShardEntry entry : entries) {
                String hex = HexFormat.of().formatHex(entry.wrappedKey(), 0, 8);
                assertFalse(message.contains(hex), "key bytes in: " + t.getMessage());
            }
        }
        return e;
    }
}
