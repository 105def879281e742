package io.custody.api.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

class ShardSweeperTest {

    private static final Duration GRACE = Duration.ofHours(1);

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
    void freshPrefix() {
        prefix = LocalSecrets.freshPrefix();
        store = new SecretsManagerKeyStore(local.client, prefix, 0);
    }

    @Test
    void sweep_deletesOnlyUnreferencedShardsOlderThanTheGracePeriod() {
        StoredShard orphan1 = shard();
        StoredShard orphan2 = shard();
        StoredShard referencedByName = shard();
        StoredShard referencedByArn = shard();
        String notAShard = secret(prefix + "/readme");
        String otherPrefix = secret(prefix + "-old/" + tenant + "/" + UUID.randomUUID());
        local.clock.advance(GRACE.plusMinutes(30));
        StoredShard young = shard(); // written 29 minutes "before" the sweep: its batch may not have committed
        Set<String> database = Set.of(referencedByName.secretName(), referencedByArn.secretArn());

        List<String> deleted = sweeper(database::contains).sweep();

        assertEquals(Set.of(orphan1.secretName(), orphan2.secretName()), Set.copyOf(deleted));
        assertEquals(2, deleted.size());
        assertEquals(Set.of(referencedByName.secretName(), referencedByArn.secretName(), young.secretName(), notAShard),
                names(prefix + "/"));
        assertEquals(Set.of(otherPrefix), names(prefix + "-old/"));
        assertEquals(List.of(), sweeper(database::contains).sweep(), "a second pass finds nothing");
    }

    @Test
    void sweep_keepsAShardExactlyAtTheGracePeriod() {
        StoredShard shard = shard();
        local.clock.advance(GRACE);

        assertEquals(List.of(), sweeper(name -> false, local.clock).sweep());
        assertEquals(Set.of(shard.secretName()), names(prefix + "/"));
    }

    @Test
    void sweep_readsEveryPage() {
        Set<String> written = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            written.add(shard().secretName());
        }
        local.clock.advance(GRACE.plusMinutes(1));

        ShardSweeper sweeper = new ShardSweeper(local.client, prefix, name -> false, GRACE, local.clock, 100, 2);

        assertEquals(written, Set.copyOf(sweeper.sweep()));
        assertEquals(Set.of(), names(prefix + "/"));
    }

    @Test
    void sweep_keepsAShardWhoseRowsCommitWhileItLists() {
        StoredShard shard = shard();
        local.clock.advance(GRACE.plusMinutes(1));
        Set<String> asked = new HashSet<>();
        // "No" while listing; by the time of the delete the batch has committed.
        Predicate<String> committedMeanwhile = name -> !asked.add(name);

        assertEquals(List.of(), sweeper(committedMeanwhile).sweep());
        assertEquals(Set.of(shard.secretName()), names(prefix + "/"));
    }

    @Test
    void sweep_deletesNothing_whenMoreShardsLookUnreferencedThanARunMayDelete() {
        for (int i = 0; i < 4; i++) {
            shard();
        }
        local.clock.advance(GRACE.plusMinutes(1));
        ShardSweeper sweeper = new ShardSweeper(local.client, prefix, name -> false, GRACE, local.clock, 3);

        var e = assertThrows(IllegalStateException.class, sweeper::sweep);
        assertTrue(e.getMessage().contains("nothing deleted"), e.getMessage());
        assertEquals(4, names(prefix + "/").size());
    }

    @Test
    void sweep_stopsWithoutDeleting_whenTheReferenceCheckFails() {
        shard();
        local.clock.advance(GRACE.plusMinutes(1));
        Predicate<String> databaseDown = name -> {
            throw new IllegalStateException("database unavailable");
        };

        assertThrows(IllegalStateException.class, () -> sweeper(databaseDown).sweep());
        assertEquals(1, names(prefix + "/").size());
    }

    @Test
    void constructor_refusesAGracePeriodShorterThanTheMinimum_andABadLimit() {
        Clock clock = Clock.system(ZoneOffset.UTC);
        assertThrows(IllegalArgumentException.class,
                () -> new ShardSweeper(local.client, prefix, n -> true, Duration.ofMinutes(9), clock, 10));
        assertThrows(IllegalArgumentException.class,
                () -> new ShardSweeper(local.client, prefix, n -> true, GRACE, clock, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ShardSweeper(local.client, prefix + "/", n -> true, GRACE, clock, 10));
    }

    private ShardSweeper sweeper(Predicate<String> isReferenced) {
        return sweeper(isReferenced, Clock.offset(local.clock, Duration.ofMinutes(1)));
    }

    private ShardSweeper sweeper(Predicate<String> isReferenced, Clock clock) {
        return new ShardSweeper(local.client, prefix, isReferenced, GRACE, clock, 100);
    }

    private StoredShard shard() {
        return store.store(tenant, 1, UUID.randomUUID(), TestShards.entries(2));
    }

    private static String secret(String name) {
        local.client.createSecret(r -> r.name(name).secretBinary(SdkBytes.fromUtf8String("not a shard")));
        return name;
    }

    private static Set<String> names(String namePrefix) {
        return new HashSet<>(local.list(namePrefix).stream().map(SecretListEntry::name).toList());
    }
}
