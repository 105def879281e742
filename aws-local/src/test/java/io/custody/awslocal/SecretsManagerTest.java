package io.custody.awslocal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** The Secrets Manager operations, round trip through the real AWS SDK v2 client. */
class SecretsManagerTest {

    private static LocalAws aws;
    private static SecretsManagerClient sm;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalAws.builder().build().start();
        sm = Clients.secrets(aws, "AKIASECRETS");
    }

    @AfterAll
    static void stop() {
        sm.close();
        aws.close();
    }

    private static String unique(String prefix) {
        return prefix + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createSecret_thenGetSecretValue_returnsTheStringAsAwsCurrent() {
        String name = unique("string");
        CreateSecretResponse created = sm.createSecret(r -> r.name(name).secretString("{\"k\":\"v\"}"));
        assertTrue(created.arn().matches("arn:aws:secretsmanager:us-east-1:111122223333:secret:"
                + name.replace("/", "/") + "-[A-Za-z0-9]{6}"), created.arn());
        assertEquals(name, created.name());
        assertNotNull(created.versionId());

        GetSecretValueResponse value = sm.getSecretValue(r -> r.secretId(name));
        assertEquals("{\"k\":\"v\"}", value.secretString());
        assertNull(value.secretBinary());
        assertEquals(created.arn(), value.arn());
        assertEquals(created.versionId(), value.versionId());
        assertEquals(List.of("AWSCURRENT"), value.versionStages());
        assertNotNull(value.createdDate());
    }

    @Test
    void secretBinary_roundTripsAsBytes_andIsFoundByFullOrPartialArn() {
        String name = unique("binary");
        byte[] shard = new byte[1000];
        new java.util.Random(7).nextBytes(shard);
        CreateSecretResponse created = sm.createSecret(r -> r.name(name).secretBinary(SdkBytes.fromByteArray(shard)));

        for (String id : new String[] {name, created.arn(), created.arn().substring(0, created.arn().length() - 7)}) {
            GetSecretValueResponse value = sm.getSecretValue(r -> r.secretId(id));
            assertArrayEquals(shard, value.secretBinary().asByteArray(), id);
            assertNull(value.secretString());
        }
    }

    @Test
    void putSecretValue_movesAwsCurrent_andTheOldVersionBecomesAwsPrevious() {
        String name = unique("rotate");
        String v1 = sm.createSecret(r -> r.name(name).secretString("one")).versionId();
        PutSecretValueResponse put2 = sm.putSecretValue(r -> r.secretId(name).secretString("two"));
        assertEquals(List.of("AWSCURRENT"), put2.versionStages());
        String v3 = sm.putSecretValue(r -> r.secretId(name).secretString("three")).versionId();

        assertEquals("three", sm.getSecretValue(r -> r.secretId(name)).secretString());
        assertEquals("two", sm.getSecretValue(r -> r.secretId(name).versionStage("AWSPREVIOUS")).secretString());
        assertEquals("one", sm.getSecretValue(r -> r.secretId(name).versionId(v1)).secretString());

        Map<String, List<String>> stages = sm.describeSecret(r -> r.secretId(name)).versionIdsToStages();
        assertEquals(Map.of(v3, List.of("AWSCURRENT"), put2.versionId(), List.of("AWSPREVIOUS")), stages,
                "versions without a stage are deprecated and not listed");
        assertThrows(ResourceNotFoundException.class,
                () -> sm.getSecretValue(r -> r.secretId(name).versionStage("NO-SUCH-STAGE")));
    }

    @Test
    void putSecretValue_withTheSameTokenAndValue_isANoOp_butADifferentValueIsResourceExists() {
        String name = unique("idempotent");
        sm.createSecret(r -> r.name(name).secretString("one"));
        String token = UUID.randomUUID().toString();
        PutSecretValueResponse first = sm.putSecretValue(r -> r.secretId(name).clientRequestToken(token).secretString("two"));
        PutSecretValueResponse retry = sm.putSecretValue(r -> r.secretId(name).clientRequestToken(token).secretString("two"));
        assertEquals(first.versionId(), retry.versionId());
        assertEquals(token, retry.versionId());
        assertEquals(2, sm.describeSecret(r -> r.secretId(name)).versionIdsToStages().size());

        assertThrows(ResourceExistsException.class,
                () -> sm.putSecretValue(r -> r.secretId(name).clientRequestToken(token).secretString("changed")));
        assertEquals("two", sm.getSecretValue(r -> r.secretId(name)).secretString());
    }

    @Test
    void createSecret_retriedWithTheSameToken_succeeds_butAnotherCreateOfTheNameIsResourceExists() {
        String name = unique("create-twice");
        String token = UUID.randomUUID().toString();
        CreateSecretResponse first = sm.createSecret(r -> r.name(name).clientRequestToken(token).secretString("v"));
        CreateSecretResponse retry = sm.createSecret(r -> r.name(name).clientRequestToken(token).secretString("v"));
        assertEquals(first.arn(), retry.arn());
        assertEquals(token, retry.versionId());

        assertThrows(ResourceExistsException.class,
                () -> sm.createSecret(r -> r.name(name).clientRequestToken(token).secretString("other")));
        assertThrows(ResourceExistsException.class, () -> sm.createSecret(r -> r.name(name).secretString("v")));
    }

    @Test
    void deletedSecret_isInvalidRequestUntilRestored() {
        String name = unique("deleted");
        sm.createSecret(r -> r.name(name).secretString("keep me"));
        Instant before = Instant.now();
        var deleted = sm.deleteSecret(r -> r.secretId(name).recoveryWindowInDays(7L));
        assertTrue(deleted.deletionDate().isAfter(before.plusSeconds(7 * 86_400 - 60)));

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> sm.getSecretValue(r -> r.secretId(name)));
        assertTrue(error.awsErrorDetails().errorMessage().contains("marked for deletion"));
        assertThrows(InvalidRequestException.class, () -> sm.putSecretValue(r -> r.secretId(name).secretString("x")));
        assertThrows(InvalidRequestException.class, () -> sm.createSecret(r -> r.name(name).secretString("x")));
        assertNotNull(sm.describeSecret(r -> r.secretId(name)).deletedDate());
        assertFalse(names(sm.listSecrets(r -> r.filters(nameFilter(name)))).contains(name));
        assertTrue(names(sm.listSecrets(r -> r.filters(nameFilter(name)).includePlannedDeletion(true))).contains(name));

        sm.restoreSecret(r -> r.secretId(name));
        assertEquals("keep me", sm.getSecretValue(r -> r.secretId(name)).secretString());
        assertNull(sm.describeSecret(r -> r.secretId(name)).deletedDate());
    }

    @Test
    void deleteSecret_rejectsARecoveryWindowOutside7To30_andCombinationWithForce() {
        String name = unique("window");
        sm.createSecret(r -> r.name(name).secretString("x"));
        assertThrows(InvalidParameterException.class, () -> sm.deleteSecret(r -> r.secretId(name).recoveryWindowInDays(6L)));
        assertThrows(InvalidParameterException.class, () -> sm.deleteSecret(r -> r.secretId(name).recoveryWindowInDays(31L)));
        assertThrows(InvalidParameterException.class, () -> sm.deleteSecret(r -> r.secretId(name)
                .recoveryWindowInDays(7L).forceDeleteWithoutRecovery(true)));
        assertEquals("x", sm.getSecretValue(r -> r.secretId(name)).secretString());
    }

    @Test
    void forceDelete_removesTheSecretAtOnce_andFreesTheName() {
        String name = unique("forced");
        String arn = sm.createSecret(r -> r.name(name).secretString("x")).arn();
        sm.deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true));
        assertThrows(ResourceNotFoundException.class, () -> sm.getSecretValue(r -> r.secretId(name)));
        assertThrows(ResourceNotFoundException.class, () -> sm.restoreSecret(r -> r.secretId(arn)));
        assertNotNull(sm.deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true)), "forced delete of a missing secret succeeds");
        String newArn = sm.createSecret(r -> r.name(name).secretString("y")).arn();
        assertFalse(newArn.equals(arn), "a new secret gets a new random suffix");
    }

    @Test
    void secretValue_over65536Bytes_isRejected_andExactly65536IsAccepted() {
        String name = unique("size");
        String limit = "a".repeat(65_536);
        sm.createSecret(r -> r.name(name).secretString(limit));
        assertEquals(limit, sm.getSecretValue(r -> r.secretId(name)).secretString());

        SecretsManagerException tooBig = assertThrows(SecretsManagerException.class,
                () -> sm.putSecretValue(r -> r.secretId(name).secretString(limit + "a")));
        assertEquals("ValidationException", tooBig.awsErrorDetails().errorCode());
        assertFalse(tooBig.awsErrorDetails().errorMessage().contains("aaaa"), "no secret value in the message");
        assertThrows(SecretsManagerException.class, () -> sm.createSecret(r -> r.name(unique("size"))
                .secretBinary(SdkBytes.fromByteArray(new byte[65_537]))));
        assertThrows(SecretsManagerException.class, () -> sm.createSecret(r -> r.name(unique("size"))
                .secretString("é".repeat(32_769))), "the limit counts UTF-8 bytes");
    }

    @Test
    void createSecret_rejectsBothStringAndBinary_andInvalidNames() {
        assertThrows(InvalidParameterException.class, () -> sm.createSecret(r -> r.name(unique("both"))
                .secretString("x").secretBinary(SdkBytes.fromUtf8String("x"))));
        assertThrows(InvalidParameterException.class, () -> sm.createSecret(r -> r.name("bad name!").secretString("x")));
    }

    @Test
    void listSecrets_pagesThroughEveryMatchWithNextToken() {
        String prefix = unique("page");
        for (int i = 0; i < 25; i++) {
            String name = prefix + "/s" + i;
            sm.createSecret(r -> r.name(name).secretString("v"));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListSecretsResponse page = sm.listSecrets(r -> r.maxResults(10).nextToken(current).filters(nameFilter(prefix)));
            assertTrue(page.secretList().size() <= 10);
            seen.addAll(names(page));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(25, seen.size());
        assertEquals(25, seen.stream().distinct().count());
        assertTrue(seen.stream().allMatch(n -> n.startsWith(prefix)));

        SecretsManagerException badToken = assertThrows(SecretsManagerException.class,
                () -> sm.listSecrets(r -> r.nextToken("garbage")));
        assertEquals("InvalidNextTokenException", badToken.awsErrorDetails().errorCode());
    }

    @Test
    void listSecrets_filtersByTagsAndNegation_andSortsByName() {
        String prefix = unique("filter");
        sm.createSecret(r -> r.name(prefix + "/b").secretString("v").tags(Tag.builder().key("shard").value("7").build()));
        sm.createSecret(r -> r.name(prefix + "/a").secretString("v").description("Tenant Alpha"));
        sm.createSecret(r -> r.name(prefix + "/c").secretString("v"));

        assertEquals(List.of(prefix + "/b"), names(sm.listSecrets(r -> r.filters(nameFilter(prefix),
                Filter.builder().key(FilterNameStringType.TAG_KEY).values("shard").build()))));
        assertEquals(List.of(prefix + "/a"), names(sm.listSecrets(r -> r.filters(nameFilter(prefix),
                Filter.builder().key(FilterNameStringType.DESCRIPTION).values("tenant").build()))));
        assertEquals(List.of(prefix + "/a"), names(sm.listSecrets(r -> r.filters(nameFilter(prefix),
                Filter.builder().key(FilterNameStringType.ALL).values("alpha").build()))));
        assertEquals(List.of(prefix + "/c", prefix + "/a"), names(sm.listSecrets(r -> r.filters(nameFilter(prefix),
                Filter.builder().key(FilterNameStringType.NAME).values("!" + prefix + "/b").build())
                .sortBy("name").sortOrder("desc"))));
    }

    @Test
    void batchGetSecretValue_returnsTheValues_andAnErrorPerMissingSecret() {
        String a = unique("batch");
        String b = unique("batch");
        sm.createSecret(r -> r.name(a).secretString("A"));
        sm.createSecret(r -> r.name(b).secretBinary(SdkBytes.fromUtf8String("B")));

        BatchGetSecretValueResponse response = sm.batchGetSecretValue(r -> r.secretIdList(a, b, "missing-secret"));
        Map<String, String> values = response.secretValues().stream().collect(Collectors.toMap(
                v -> v.name(), v -> v.secretString() != null ? v.secretString() : v.secretBinary().asUtf8String()));
        assertEquals(Map.of(a, "A", b, "B"), values);
        assertEquals(1, response.errors().size());
        assertEquals("missing-secret", response.errors().get(0).secretId());
        assertEquals("ResourceNotFoundException", response.errors().get(0).errorCode());

        String prefix = a.substring(0, a.indexOf('/'));
        BatchGetSecretValueResponse byFilter = sm.batchGetSecretValue(r -> r.filters(nameFilter(prefix)).maxResults(1));
        assertEquals(1, byFilter.secretValues().size());
        assertNotNull(byFilter.nextToken());
        assertThrows(InvalidParameterException.class, () -> sm.batchGetSecretValue(r -> r.secretIdList(a).filters(nameFilter(a))));
    }

    @Test
    void tagResource_andUntagResource_showInDescribeSecret() {
        String name = unique("tags");
        sm.createSecret(r -> r.name(name).secretString("v").description("d").kmsKeyId("alias/custody"));
        sm.tagResource(r -> r.secretId(name).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        sm.untagResource(r -> r.secretId(name).tagKeys("a"));
        DescribeSecretResponse described = sm.describeSecret(r -> r.secretId(name));
        assertEquals(List.of(Tag.builder().key("b").value("2").build()), described.tags());
        assertEquals("d", described.description());
        assertEquals("alias/custody", described.kmsKeyId());
        assertNotNull(described.createdDate());
        assertNotNull(described.lastChangedDate());
    }

    @Test
    void unknownSecret_isResourceNotFound() {
        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> sm.getSecretValue(r -> r.secretId("no/such/secret")));
        assertEquals("Secrets Manager can't find the specified secret.", error.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId("no/such/secret")));
    }

    private static Filter nameFilter(String prefix) {
        return Filter.builder().key(FilterNameStringType.NAME).values(prefix).build();
    }

    private static List<String> names(ListSecretsResponse response) {
        return response.secretList().stream().map(SecretListEntry::name).toList();
    }
}
