package io.custody.awslocal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** State in a data dir survives a restart; a torn last journal record is dropped; in-memory mode forgets. */
class PersistenceTest {

    private static final String ACCESS_KEY = "AKIAPERSIST";
    private static final String ROLE = "arn:aws:iam::111122223333:role/persist";

    @TempDir
    Path dataDir;

    private LocalAws start(Path dir) throws IOException {
        LocalAws.Builder builder = LocalAws.builder().principal(ACCESS_KEY, ROLE);
        return (dir == null ? builder : builder.dataDir(dir)).build().start();
    }

    private record KmsState(String keyId, String disabledKeyId, SdkBytes blob, String policy) {
    }

    private KmsState writeKmsState(LocalAws aws) {
        try (KmsClient kms = Clients.kms(aws, ACCESS_KEY)) {
            String keyId = kms.createKey(r -> r.description("persisted")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/persisted").targetKeyId(keyId));
            String policy = """
                    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": "kms:*", "Resource": "*"}]}"""
                    .formatted(ROLE);
            kms.putKeyPolicy(r -> r.keyId(keyId).policy(policy));
            SdkBytes blob = kms.encrypt(r -> r.keyId("alias/persisted").plaintext(SdkBytes.fromUtf8String("durable"))
                    .encryptionContext(Map.of("t", "1"))).ciphertextBlob();
            String disabled = kms.createKey(r -> r.description("off")).keyMetadata().keyId();
            kms.disableKey(r -> r.keyId(disabled));
            return new KmsState(keyId, disabled, blob, policy);
        }
    }

    private void assertKmsState(LocalAws aws, KmsState state) {
        try (KmsClient kms = Clients.kms(aws, ACCESS_KEY)) {
            assertEquals("durable", kms.decrypt(r -> r.ciphertextBlob(state.blob()).encryptionContext(Map.of("t", "1"))
                    .keyId("alias/persisted")).plaintext().asUtf8String());
            assertEquals(state.policy(), kms.getKeyPolicy(r -> r.keyId(state.keyId())).policy());
            assertEquals(KeyState.DISABLED, kms.describeKey(r -> r.keyId(state.disabledKeyId())).keyMetadata().keyState());
            assertThrows(DisabledException.class, () -> kms.encrypt(r -> r.keyId(state.disabledKeyId())
                    .plaintext(SdkBytes.fromUtf8String("x"))));
        }
    }

    private void writeSecrets(LocalAws aws) {
        try (SecretsManagerClient sm = Clients.secrets(aws, ACCESS_KEY)) {
            sm.createSecret(r -> r.name("shard/0001").secretBinary(SdkBytes.fromUtf8String("v1"))
                    .tags(Tag.builder().key("tenant").value("t-1").build()));
            sm.putSecretValue(r -> r.secretId("shard/0001").secretBinary(SdkBytes.fromUtf8String("v2")));
            sm.createSecret(r -> r.name("shard/0002").secretString("gone"));
            sm.deleteSecret(r -> r.secretId("shard/0002").recoveryWindowInDays(7L));
            sm.createSecret(r -> r.name("shard/0003").secretString("forced"));
            sm.deleteSecret(r -> r.secretId("shard/0003").forceDeleteWithoutRecovery(true));
        }
    }

    private void assertSecrets(LocalAws aws) {
        try (SecretsManagerClient sm = Clients.secrets(aws, ACCESS_KEY)) {
            assertEquals("v2", sm.getSecretValue(r -> r.secretId("shard/0001")).secretBinary().asUtf8String());
            assertEquals("v1", sm.getSecretValue(r -> r.secretId("shard/0001").versionStage("AWSPREVIOUS"))
                    .secretBinary().asUtf8String());
            assertEquals(List.of(Tag.builder().key("tenant").value("t-1").build()),
                    sm.describeSecret(r -> r.secretId("shard/0001")).tags());
            assertThrows(InvalidRequestException.class, () -> sm.getSecretValue(r -> r.secretId("shard/0002")));
            assertThrows(ResourceNotFoundException.class, () -> sm.getSecretValue(r -> r.secretId("shard/0003")));
        }
    }

    @Test
    void kmsKeysAliasesPoliciesAndStates_surviveARestart_withADataDir() throws Exception {
        KmsState state;
        try (LocalAws aws = start(dataDir)) {
            state = writeKmsState(aws);
        }
        try (LocalAws aws = start(dataDir)) {
            assertKmsState(aws, state);
        }
    }

    @Test
    void secretsVersionsDeletionsAndTags_surviveARestart_withADataDir() throws Exception {
        try (LocalAws aws = start(dataDir)) {
            writeSecrets(aws);
        }
        try (LocalAws aws = start(dataDir)) {
            assertSecrets(aws);
        }
    }

    @Test
    void aTornLastJournalRecord_isDropped_andEverythingAcknowledgedSurvives() throws Exception {
        KmsState state;
        try (LocalAws aws = start(dataDir)) {
            state = writeKmsState(aws);
            writeSecrets(aws);
        }
        // A crash in the middle of an append: a frame header promising 200 bytes, and only 5 of them.
        for (String journal : new String[] {"kms.journal", "secretsmanager.journal"}) {
            Files.write(dataDir.resolve(journal), new byte[] {0, 0, 0, (byte) 200, 1, 2, 3, 4, 'p', 'a', 'r', 't', 'i'},
                    StandardOpenOption.APPEND);
        }
        try (LocalAws aws = start(dataDir)) {
            assertKmsState(aws, state);
            assertSecrets(aws);
            try (SecretsManagerClient sm = Clients.secrets(aws, ACCESS_KEY)) {
                sm.createSecret(r -> r.name("after-recovery").secretString("ok"));
            }
        }
        try (LocalAws aws = start(dataDir); SecretsManagerClient sm = Clients.secrets(aws, ACCESS_KEY)) {
            assertEquals("ok", sm.getSecretValue(r -> r.secretId("after-recovery")).secretString());
        }
    }

    @Test
    void concurrentWrites_areAllJournaled_andReplayed() throws Exception {
        try (LocalAws aws = start(dataDir); SecretsManagerClient sm = Clients.secrets(aws, ACCESS_KEY)) {
            sm.createSecret(r -> r.name("contended").secretString("v0"));
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    pool.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            String name = "concurrent/" + thread + "/" + i;
                            sm.createSecret(r -> r.name(name).secretString(name));
                            sm.putSecretValue(r -> r.secretId("contended").secretString(name));
                        }
                        return null;
                    });
                }
            }
        }
        try (LocalAws aws = start(dataDir); SecretsManagerClient sm = Clients.secrets(aws, ACCESS_KEY)) {
            var listed = sm.listSecretsPaginator(r -> r.filters(f -> f.key("name").values("concurrent/")))
                    .stream().flatMap(page -> page.secretList().stream()).toList();
            assertEquals(80, listed.size());
            Map<String, List<String>> stages = sm.describeSecret(r -> r.secretId("contended")).versionIdsToStages();
            assertEquals(2, stages.size(), "exactly one AWSCURRENT and one AWSPREVIOUS after 80 racing puts");
        }
    }

    @Test
    void inMemoryMode_forgetsEverythingOnRestart() throws Exception {
        String keyId;
        try (LocalAws aws = start(null); KmsClient kms = Clients.kms(aws, ACCESS_KEY)) {
            keyId = kms.createKey(r -> r.description("ephemeral")).keyMetadata().keyId();
        }
        try (LocalAws aws = start(null); KmsClient kms = Clients.kms(aws, ACCESS_KEY)) {
            assertThrows(NotFoundException.class, () -> kms.describeKey(r -> r.keyId(keyId)));
        }
        assertTrue(Files.list(dataDir).findAny().isEmpty(), "in-memory mode writes nothing");
    }

    @Test
    void aDataDir_cannotBeUsedByTwoEmulatorsAtOnce() throws Exception {
        try (LocalAws first = start(dataDir)) {
            assertThrows(IOException.class, () -> start(dataDir));
        }
        start(dataDir).close();
    }
}
