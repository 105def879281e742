package io.custody.api.accounts;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.dev.LocalAwsLauncher;
import io.custody.api.support.EcRecover;
import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.custody.awslocal.http.FaultRule;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountBatchApiTest {
    private final DataSource db = TestDb.get();

    @Inject
    LocalAwsLauncher aws;

    static String batchesPath(UUID tenant) {
        return "/v1/tenants/" + tenant + "/account-batches";
    }

    static Response submit(UUID tenant, Object body) {
        return as(Tokens.forTenant("tenant-admin", tenant)).body(body).post(batchesPath(tenant));
    }

    static JsonPath awaitBatch(UUID tenant, String batchId, Predicate<JsonPath> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonPath batch = as(Tokens.forTenant("auditor", tenant)).get(batchesPath(tenant) + "/" + batchId)
                    .then().statusCode(200).extract().jsonPath();
            if (done.test(batch)) {
                return batch;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("batch " + batchId + " not done in " + timeout + ": " + batch.prettify());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static JsonPath awaitFinished(UUID tenant, String batchId) {
        return awaitBatch(tenant, batchId, b -> List.of("COMPLETED", "FAILED").contains(b.getString("status")),
                Duration.ofSeconds(60));
    }

    @Test
    void aBatch_createsExactlyTheRequestedAccounts_inFullShards_withEachLabelNumberOnce() {
        UUID tenant = createTenant(unique("Batch"));
        long createSecretsBefore = aws.emulator().metrics().getOrDefault("secretsmanager.CreateSecret", 0L);
        Response accepted = submit(tenant, Map.of("count", 2000, "labelPrefix", "cust-"));
        accepted.then().statusCode(202).body("requested", equalTo(2000)).body("labelPrefix", equalTo("cust-"))
                .body("completedAt", nullValue());
        String id = accepted.path("id");
        assertTrue(accepted.header("Location").endsWith(batchesPath(tenant) + "/" + id));

        JsonPath done = awaitFinished(tenant, id);
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(2000, done.getInt("created"));
        assertTrue(done.getString("completedAt") != null);

        assertEquals(2000, Sql.count(db, "SELECT count(*) FROM accounts WHERE tenant_id = ? AND batch_id = ?::uuid", tenant, id));
        assertEquals(2000, Sql.count(db, """
                SELECT count(DISTINCT label) FROM accounts WHERE tenant_id = ? AND batch_id = ?::uuid
                  AND label ~ '^cust-[0-9]+$' AND substring(label from 6)::int BETWEEN 1 AND 2000""", tenant, id));
        // 828 + 828 + 344: shards as full as a secret allows, one Secrets Manager write each.
        assertEquals(3, Sql.count(db, """
                SELECT count(DISTINCT shard_id) FROM accounts WHERE tenant_id = ? AND batch_id = ?::uuid""", tenant, id));
        assertEquals(2, Sql.count(db, """
                SELECT count(*) FROM key_shards s WHERE tenant_id = ? AND entry_count = 828
                  AND (SELECT count(*) FROM accounts a WHERE a.shard_id = s.id) = 828""", tenant));
        assertEquals(3, aws.emulator().metrics().getOrDefault("secretsmanager.CreateSecret", 0L) - createSecretsBefore);
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'account_batch.create'
                  AND resource_id = ? AND (details ->> 'requested')::int = 2000""", tenant, id));
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'account_batch.complete'
                  AND resource_id = ? AND (details ->> 'created')::int = 2000""", tenant, id));
    }

    @Test
    void accountsOfABatch_signWithTheirOwnKeys_andAreListedByBatch() {
        UUID tenant = createTenant(unique("Batch signing"));
        String id = submit(tenant, Map.of("count", 900)).then().statusCode(202).extract().path("id");
        assertEquals("COMPLETED", awaitFinished(tenant, id).getString("status"));

        List<Map<String, Object>> page = as(Tokens.forTenant("signer", tenant))
                .queryParam("batchId", id).queryParam("limit", "200")
                .get("/v1/tenants/" + tenant + "/accounts").then().statusCode(200).extract().path("items");
        assertEquals(200, page.size());
        for (Map<String, Object> account : List.of(page.getFirst(), page.getLast())) {
            assertSignsAs(tenant, (String) account.get("id"), (String) account.get("address"));
            assertEquals(null, account.get("label"));
        }
    }

    static void assertSignsAs(UUID tenant, String accountId, String address) {
        JsonPath signed = as(Tokens.forTenant("signer", tenant))
                .body("{\"type\": \"eip191_message\", \"message\": \"batch\"}")
                .post("/v1/tenants/" + tenant + "/accounts/" + accountId + "/signatures")
                .then().statusCode(200).extract().jsonPath();
        HexFormat hex = HexFormat.of();
        byte[] recovered = EcRecover.address(hex.parseHex(signed.getString("messageHash").substring(2)),
                hex.parseHex(signed.getString("signature.r").substring(2)),
                hex.parseHex(signed.getString("signature.s").substring(2)), signed.getInt("signature.yParity"));
        assertArrayEquals(hex.parseHex(address.substring(2).toLowerCase()), recovered, "account " + accountId);
    }

    /** SHA-256 of the 20-byte addresses in ascending (unsigned) byte order, as docs/api.md defines it. */
    private static String sortedDigest(Set<String> addresses) {
        try {
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            addresses.stream().map(a -> a.substring(2).toLowerCase()).sorted() // hex order is byte order
                    .forEach(a -> sha256.update(java.util.HexFormat.of().parseHex(a)));
            return java.util.HexFormat.of().formatHex(sha256.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void addresses_streamAsNdjsonByDefault_orCsv_andOtherFormatsAre406() {
        UUID tenant = createTenant(unique("Batch addresses"));
        String id = submit(tenant, Map.of("count", 30, "labelPrefix", "a,\"b\"")).then().statusCode(202).extract().path("id");
        assertEquals("COMPLETED", awaitFinished(tenant, id).getString("status"));
        String token = Tokens.forTenant("auditor", tenant);
        String path = batchesPath(tenant) + "/" + id + "/addresses";

        Response ndjson = as(token).accept("application/x-ndjson").get(path);
        ndjson.then().statusCode(200).contentType("application/x-ndjson");
        String[] lines = ndjson.asString().split("\n");
        assertEquals(30, lines.length);
        Set<String> addresses = new HashSet<>();
        for (String line : lines) {
            JsonPath row = JsonPath.from(line);
            String address = row.getString("address");
            assertEquals(address, Addresses.checksummed(Addresses.parse("address", address.toLowerCase())));
            assertTrue(row.getString("label").startsWith("a,\"b\""));
            assertEquals(1, Sql.count(db, """
                    SELECT count(*) FROM accounts WHERE tenant_id = ? AND batch_id = ?::uuid AND id = ?::uuid
                      AND address = decode(?, 'hex')""", tenant, id, row.getString("id"), address.substring(2).toLowerCase()));
            addresses.add(address);
        }
        assertEquals(30, addresses.size());
        assertEquals(lines.length, as(token).get(path).asString().split("\n").length, "NDJSON is the default");
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'account_batch.complete'
                  AND resource_id = ? AND details ->> 'addressesSha256' = ?""", tenant, id, sortedDigest(addresses)),
                "the batch's audit event carries the digest an auditor recomputes from the download");

        Response csv = as(token).accept("text/csv").get(path);
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        String[] rows = csv.asString().split("\r\n");
        assertEquals("id,address,label", rows[0]);
        assertEquals(31, rows.length);
        assertTrue(rows[1].matches("[0-9a-f-]{36},0x[0-9a-fA-F]{40},\"a,\"\"b\"\"[0-9]+\""), rows[1]);

        as(token).accept("application/xml").get(path).then().statusCode(406)
                .contentType("application/problem+json").body("code", equalTo("NOT_ACCEPTABLE"));
    }

    @Test
    void badBatchRequests_are400WithAStableCode_andCreateNothing() {
        UUID tenant = createTenant(unique("Batch refusals"));
        Map<String, String> cases = Map.of(
                "{}", "VALIDATION_FAILED",
                "{\"count\": 0}", "VALIDATION_FAILED",
                "{\"count\": 1000001}", "VALIDATION_FAILED",
                "{\"count\": -5}", "VALIDATION_FAILED",
                "{\"count\": \"5\"}", "INVALID_FIELD_TYPE",
                "{\"count\": 1.5}", "INVALID_FIELD_TYPE",
                "{\"count\": 5, \"labelPrefix\": \"\"}", "VALIDATION_FAILED",
                "{\"count\": 5, \"labelPrefix\": \"tab\\there\"}", "VALIDATION_FAILED",
                "{\"count\": 5, \"labelPrefix\": \"" + "x".repeat(101) + "\"}", "VALIDATION_FAILED",
                "{\"count\": 5, \"size\": 5}", "UNKNOWN_FIELD");
        cases.forEach((body, code) -> submit(tenant, body).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo(code)));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM account_batches WHERE tenant_id = ?", tenant));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM accounts WHERE tenant_id = ?", tenant));
    }

    @Test
    void batches_areTenantScoped_andRoleChecked() {
        UUID tenant = createTenant(unique("Batch owner"));
        UUID other = createTenant(unique("Batch stranger"));
        String id = submit(tenant, Map.of("count", 1)).then().statusCode(202).extract().path("id");
        awaitFinished(tenant, id);

        // Another tenant's admin: the batch does not exist for it, under either tenant id.
        String stranger = Tokens.forTenant("tenant-admin", other);
        as(stranger).get(batchesPath(other) + "/" + id).then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
        as(stranger).get(batchesPath(tenant) + "/" + id).then().statusCode(404);
        as(stranger).get(batchesPath(other) + "/" + id + "/addresses").then().statusCode(404);
        as(Tokens.forTenant("tenant-admin", tenant)).get(batchesPath(tenant) + "/" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("BATCH_NOT_FOUND"));
        as(Tokens.forTenant("tenant-admin", tenant)).get(batchesPath(tenant) + "/not-a-uuid")
                .then().statusCode(400).body("code", equalTo("INVALID_ID"));
        // Signers sign; they do not create batches.
        as(Tokens.forTenant("signer", tenant)).body(Map.of("count", 1)).post(batchesPath(tenant))
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM account_batches WHERE tenant_id = ?", tenant));
    }

    @Test
    void aSuspendedTenant_cannotStartABatch() {
        UUID tenant = createTenant(unique("Batch suspended"));
        as(Tokens.platformAdmin()).body(Map.of("status", "SUSPENDED")).patch("/v1/tenants/" + tenant).then().statusCode(200);
        submit(tenant, Map.of("count", 10)).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("TENANT_SUSPENDED"));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM account_batches WHERE tenant_id = ?", tenant));
    }

    @Test
    void suspendingTheTenantMidBatch_failsIt_sayingWhyAndHowManyWereCreated() {
        UUID tenant = createTenant(unique("Batch interrupted"));
        String id = submit(tenant, Map.of("count", 200_000)).then().statusCode(202).extract().path("id");
        awaitBatch(tenant, id, b -> b.getInt("created") > 0, Duration.ofSeconds(30));
        as(Tokens.platformAdmin()).body(Map.of("status", "SUSPENDED")).patch("/v1/tenants/" + tenant).then().statusCode(200);

        JsonPath failed = awaitFinished(tenant, id);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals("TENANT_SUSPENDED", failed.getString("failure.code"));
        int created = failed.getInt("created");
        assertTrue(created > 0 && created < 200_000, "created " + created);
        assertEquals(created, Sql.count(db, "SELECT count(*) FROM accounts WHERE tenant_id = ? AND batch_id = ?::uuid", tenant, id));
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'account_batch.fail' AND outcome = 'FAILURE'
                  AND resource_id = ? AND (details ->> 'created')::int = ?""", tenant, id, created));
    }

    @Test
    void aKeyStoreThatStaysDown_failsTheBatch_andTransientFaultsAreRetriedToAnExactCount() {
        UUID tenant = createTenant(unique("Batch faults"));
        // Every write fails: the chunk's attempts run out and the batch fails, having created nothing.
        aws.emulator().faults().add(FaultRule.error("secretsmanager.CreateSecret", "InternalServiceError"));
        String failing;
        try {
            failing = submit(tenant, Map.of("count", 1000)).then().statusCode(202).extract().path("id");
            JsonPath failed = awaitFinished(tenant, failing);
            assertEquals("FAILED", failed.getString("status"));
            assertEquals("KEY_STORE_UNAVAILABLE", failed.getString("failure.code"));
            assertEquals(0, failed.getInt("created"));
        } finally {
            aws.emulator().faults().clear();
        }
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM accounts WHERE tenant_id = ? AND batch_id = ?::uuid", tenant, failing));

        // A handful of failed writes: retried (by the SDK and the runner), and the count stays exact.
        aws.emulator().faults().add(FaultRule.error("secretsmanager.CreateSecret", "InternalServiceError").times(8));
        try {
            String id = submit(tenant, Map.of("count", 3000)).then().statusCode(202).extract().path("id");
            JsonPath done = awaitFinished(tenant, id);
            assertEquals("COMPLETED", done.getString("status"));
            assertEquals(3000, Sql.count(db, "SELECT count(*) FROM accounts WHERE tenant_id = ? AND batch_id = ?::uuid", tenant, id));
        } finally {
            aws.emulator().faults().clear();
        }
    }

    @Test
    void aBatchWhoseInstanceDied_isResumedWhenItsLeaseLapses_toTheExactCount() throws Exception {
        UUID tenant = createTenant(unique("Batch resumed"));
        UUID id = UUID.randomUUID();
        // As a crashed instance leaves it: RUNNING, leased to an owner that will never renew.
        Sql.execute(db, """
                INSERT INTO account_batches (id, tenant_id, requested, created, label_prefix, status, lease_owner, lease_expires_at)
                VALUES (?, ?, 1000, 0, 'r-', 'RUNNING', 'crashed-host/1', now() + interval '2 seconds')""", id, tenant);
        JsonPath done = awaitFinished(tenant, id.toString());
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(1000, Sql.count(db, "SELECT count(DISTINCT label) FROM accounts WHERE tenant_id = ? AND batch_id = ?", tenant, id));
    }
}
