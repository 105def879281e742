package io.custody.api.accounts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.api.support.EcRecover;
import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged service with SIGKILL in the middle of a batch, starts it again, and checks
 * that the batch finishes with exactly the requested accounts, each able to sign. Runs its own
 * copy of the service (own database, ports and emulator state on disk), since the emulator's KMS
 * key must outlive the killed process.
 */
class BatchCrashRecoveryIT {
    private static final String DATABASE = "custody_crash_test";
    private static final int COUNT = 2000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final DataSource db = TestDb.named(DATABASE);
    private final List<ProcessHandle> started = new ArrayList<>();
    private Path stateDir;
    private int httpPort;
    private int awsPort;

    @AfterEach
    void stopEverything() throws IOException {
        started.forEach(ProcessHandle::destroyForcibly);
        started.forEach(process -> process.onExit().join());
        if (stateDir != null) {
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aBatchKilledMidway_resumesAfterRestart_withTheExactCount_andEveryAccountSigns() throws Exception {
        stateDir = Files.createTempDirectory("custody-crash-");
        httpPort = freePort();
        awsPort = freePort();

        Process first = startService();
        UUID tenant = createTenant();
        // Slow the shard writes so that the kill lands mid-batch: 200 shards of 10 accounts.
        post("http://127.0.0.1:" + awsPort + "/_emulator/faults",
                "{\"operation\": \"secretsmanager.CreateSecret\", \"latencyMs\": 25}");
        String batchId = api(Tokens.forTenant("tenant-admin", tenant))
                .body(Map.of("count", COUNT, "labelPrefix", "crash-")).post("/v1/tenants/" + tenant + "/account-batches")
                .then().statusCode(202).extract().path("id");
        awaitBatch(tenant, batchId, b -> b.getInt("created") >= 200, Duration.ofSeconds(60));

        kill(first);
        long createdAtCrash = Sql.count(db, "SELECT created FROM account_batches WHERE id = ?::uuid", batchId);
        assertTrue(createdAtCrash > 0 && createdAtCrash < COUNT, "killed at " + createdAtCrash);
        assertEquals("RUNNING", status(batchId));
        assertEquals(createdAtCrash, accounts(batchId), "created counts exactly the committed accounts");

        startService();
        JsonPath done = awaitBatch(tenant, batchId, b -> !b.getString("status").equals("RUNNING")
                && !b.getString("status").equals("PENDING"), Duration.ofSeconds(120));
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(COUNT, done.getInt("created"));
        assertEquals(COUNT, accounts(batchId));
        // Every label number 1..COUNT exactly once: no duplicates, no gaps.
        assertEquals(COUNT, Sql.count(db, """
                SELECT count(DISTINCT substring(label from 7)::int) FROM accounts
                WHERE batch_id = ?::uuid AND substring(label from 7)::int BETWEEN 1 AND ?""", batchId, COUNT));
        assertEquals(COUNT, Sql.count(db, """
                SELECT count(*) FROM accounts a JOIN key_shards s ON s.id = a.shard_id
                WHERE a.batch_id = ?::uuid AND a.shard_slot < s.entry_count""", batchId));

        assertEveryAccountSigns(tenant, batchId);
    }

    private void assertEveryAccountSigns(UUID tenant, String batchId) throws Exception {
        List<Map<String, String>> accounts = new ArrayList<>();
        try (var connection = db.getConnection(); var select = connection.prepareStatement(
                "SELECT id::text, encode(address, 'hex') FROM accounts WHERE batch_id = ?::uuid")) {
            select.setString(1, batchId);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    accounts.add(Map.of("id", rows.getString(1), "address", rows.getString(2)));
                }
            }
        }
        String token = Tokens.forTenant("signer", tenant);
        HexFormat hex = HexFormat.of();
        ObjectMapper json = new ObjectMapper();
        // Keep-alive connections and 8 clients: thousands of signatures in seconds.
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<?>> results = new ArrayList<>();
            for (Map<String, String> account : accounts) {
                results.add(clients.submit(() -> {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + httpPort + "/v1/tenants/" + tenant + "/accounts/" + account.get("id")
                                            + "/signatures"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"eip191_message\", \"message\": \"resumed\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode(), response.body());
                    JsonNode signed = json.readTree(response.body());
                    byte[] recovered = EcRecover.address(hex.parseHex(signed.at("/messageHash").asText().substring(2)),
                            hex.parseHex(signed.at("/signature/r").asText().substring(2)),
                            hex.parseHex(signed.at("/signature/s").asText().substring(2)),
                            signed.at("/signature/yParity").asInt());
                    assertEquals(account.get("address"), hex.formatHex(recovered), "account " + account.get("id"));
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
    }

    private Process startService() throws IOException, InterruptedException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java,
                "-Dquarkus.profile=test",
                "-Dquarkus.http.port=" + httpPort,
                "-Dcustody.db.name=" + DATABASE,
                "-Dcustody.dev.aws-local.port=" + awsPort,
                "-Dcustody.dev.aws-local.data-dir=" + stateDir.resolve("aws-local"),
                "-Dcustody.dev.nsm-root-dir=" + stateDir.resolve("nsm-root"),
                "-Dcustody.keystore.entries-per-shard=10",
                "-Dcustody.batches.lease=3s",
                "-Dcustody.batches.poll-interval=500ms",
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/batch-crash-service.log").toFile()))
                .start();
        started.add(process.toHandle());
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited; see target/batch-crash-service.log");
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    // The signer is a child process: remember it, so that it dies with the test too.
                    process.toHandle().descendants().forEach(started::add);
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the service did not become ready; see target/batch-crash-service.log");
            }
            Thread.sleep(200);
        }
    }

    /** SIGKILL: no shutdown hook runs, no lease is released, the signer child goes down with it. */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor();
        for (ProcessHandle child : children) {
            child.onExit().join();
        }
    }

    private UUID createTenant() {
        String id = api(Tokens.platformAdmin()).body(Map.of("name", "Crash " + UUID.randomUUID()))
                .post("/v1/tenants").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private JsonPath awaitBatch(UUID tenant, String batchId, Predicate<JsonPath> done, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonPath batch = api(Tokens.forTenant("auditor", tenant)).get("/v1/tenants/" + tenant + "/account-batches/" + batchId)
                    .then().statusCode(200).extract().jsonPath();
            if (done.test(batch)) {
                return batch;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("batch not done in " + timeout + ": " + batch.prettify());
            }
            Thread.sleep(20);
        }
    }

    private RequestSpecification api(String token) {
        return given().baseUri("http://127.0.0.1").port(httpPort).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }

    private long accounts(String batchId) {
        return Sql.count(db, "SELECT count(*) FROM accounts WHERE batch_id = ?::uuid", batchId);
    }

    private String status(String batchId) throws Exception {
        try (var connection = db.getConnection(); var select = connection.prepareStatement(
                "SELECT status FROM account_batches WHERE id = ?::uuid")) {
            select.setString(1, batchId);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static void post(String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
