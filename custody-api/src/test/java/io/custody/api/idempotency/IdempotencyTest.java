package io.custody.api.idempotency;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    private final DataSource db = TestDb.get();

    @Test
    void retry_withSameKeyAndBody_returnsTheOriginalResponse_andCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String name = unique("Idem");
        String token = Tokens.platformAdmin();

        Response first = as(token).header("Idempotency-Key", key).body(Map.of("name", name)).post("/v1/tenants");
        first.then().statusCode(201);
        assertNull(first.header("Idempotent-Replayed"));

        Response retry = as(token).header("Idempotency-Key", key).body(Map.of("name", name)).post("/v1/tenants");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");

        assertEquals(first.asString(), retry.asString());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM tenants WHERE name = ?", name));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM audit_events WHERE action = 'tenant.create' AND details ->> 'name' = ?", name));
    }

    @Test
    void retry_withSameKeyAndDifferentBody_isRefusedWith422_andCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String token = Tokens.platformAdmin();
        as(token).header("Idempotency-Key", key).body(Map.of("name", unique("Original"))).post("/v1/tenants")
                .then().statusCode(201);
        String other = unique("Different");

        as(token).header("Idempotency-Key", key).body(Map.of("name", other)).post("/v1/tenants")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));

        assertEquals(0, Sql.count(db, "SELECT count(*) FROM tenants WHERE name = ?", other));
    }

    @Test
    void sameBody_withFieldsInAnotherOrder_isTheSameRequest() {
        String key = UUID.randomUUID().toString();
        String name = unique("Ordered");
        String ref = "ref-" + UUID.randomUUID();
        String token = Tokens.platformAdmin();
        as(token).header("Idempotency-Key", key)
                .body("{\"name\":\"" + name + "\",\"externalRef\":\"" + ref + "\"}").post("/v1/tenants")
                .then().statusCode(201);
        as(token).header("Idempotency-Key", key)
                .body("{\"externalRef\":\"" + ref + "\",  \"name\":\"" + name + "\"}").post("/v1/tenants")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void keys_areScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        String nameA = unique("Caller A");
        String nameB = unique("Caller B");
        as(Tokens.sign(Tokens.claims("admin-a", "platform-admin"))).header("Idempotency-Key", key)
                .body(Map.of("name", nameA)).post("/v1/tenants").then().statusCode(201);
        as(Tokens.sign(Tokens.claims("admin-b", "platform-admin"))).header("Idempotency-Key", key)
                .body(Map.of("name", nameB)).post("/v1/tenants").then().statusCode(201);
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM tenants WHERE name = ?", nameB));
    }

    @Test
    void concurrentRequests_withOneKey_createExactlyOneTenant() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = unique("Concurrent");
        String token = Tokens.platformAdmin();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> as(token).header("Idempotency-Key", key).body(Map.of("name", name)).post("/v1/tenants"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                assertEquals(201, r.statusCode(), r.asString());
                ids.add(r.path("id"));
            }
            assertEquals(1, ids.stream().distinct().count(), "every response names the same tenant");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM tenants WHERE name = ?", name));
    }

    @Test
    void invalidKey_isRefusedWith400() {
        as(Tokens.platformAdmin()).header("Idempotency-Key", "x".repeat(256)).body(Map.of("name", unique("Long key")))
                .post("/v1/tenants")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_HEADER"))
                .body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void failedRequest_doesNotConsumeTheKey() {
        String key = UUID.randomUUID().toString();
        String token = Tokens.platformAdmin();
        as(token).header("Idempotency-Key", key).body(Map.of("name", "")).post("/v1/tenants")
                .then().statusCode(400);
        as(token).header("Idempotency-Key", key).body(Map.of("name", unique("After failure"))).post("/v1/tenants")
                .then().statusCode(201);
    }
}
