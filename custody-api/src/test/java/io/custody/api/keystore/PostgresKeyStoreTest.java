package io.custody.api.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostgresKeyStoreTest {

    private final KeyStore store = new PostgresKeyStore();

    @Test
    void store_returnsAPostgresShardRow_withoutASecret() {
        UUID shardId = UUID.randomUUID();

        StoredShard stored = store.store(UUID.randomUUID(), 3, shardId, TestShards.entries(5));

        assertEquals(new StoredShard(shardId, KeyStore.POSTGRES, null, null, ShardFormat.VERSION, 5), stored);
    }

    @Test
    void store_refusesEntriesThatAreNotAValidShard() {
        List<ShardEntry> tooMany = TestShards.entries(ShardFormat.maxEntries(TestShards.WRAPPED_KEY_LENGTH) + 1);
        assertThrows(IllegalArgumentException.class, () -> store.store(UUID.randomUUID(), 1, UUID.randomUUID(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> store.store(UUID.randomUUID(), 1, UUID.randomUUID(), tooMany));
    }

    @Test
    void wrappedKey_isNotReadFromThisStore_butFromTheAccountRow() {
        var location = new ShardLocation(UUID.randomUUID(), UUID.randomUUID(), "n/a", 0);
        assertThrows(UnsupportedOperationException.class, () -> store.wrappedKey(location, UUID.randomUUID()));
    }

    @Test
    void storedShard_refusesASecretOnAPostgresShard_andNoSecretOnASecretsManagerShard() {
        UUID id = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class, () -> new StoredShard(id, KeyStore.POSTGRES, "n", "arn", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StoredShard(id, KeyStore.SECRETS_MANAGER, null, null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StoredShard(id, "S3", "n", "arn", 1, 1));
    }
}
