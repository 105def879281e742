package io.custody.api.audit;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditEventsApiTest {
    private static final String TO = "0x3535353535353535353535353535353535353535";
    private final DataSource db = TestDb.get();

    @Inject
    AuditSealer sealer;

    /** A tenant (and its default policy), three accounts and two signatures by the first: seven events, sealed. */
    private record Fixture(UUID tenant, List<String> accounts, List<String> transactionHashes) {
        String path() {
            return "/v1/tenants/" + tenant + "/audit-events";
        }
    }

    private Fixture fixture() {
        UUID tenant = createTenant(unique("Audited"));
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accounts.add(as(Tokens.forTenant("tenant-admin", tenant)).body(Map.of("label", "a" + i))
                    .post("/v1/tenants/" + tenant + "/accounts").then().statusCode(201).extract().path("id"));
        }
        List<String> hashes = new ArrayList<>();
        for (int nonce = 0; nonce < 2; nonce++) {
            hashes.add(as(Tokens.forTenant("signer", tenant)).body("""
                    {"type": "eip1559_transaction", "transaction": {"chainId": "1", "nonce": "%d", "to": "%s",
                     "value": "5", "gasLimit": "21000", "maxFeePerGas": "30000000000",
                     "maxPriorityFeePerGas": "1000000000"}}""".formatted(nonce, TO))
                    .post("/v1/tenants/" + tenant + "/accounts/" + accounts.getFirst() + "/signatures")
                    .then().statusCode(200).extract().path("transactionHash"));
        }
        sealAll(tenant);
        return new Fixture(tenant, accounts, hashes);
    }

    private void sealAll(UUID tenant) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND seq IS NULL", tenant) > 0) {
            assertTrue(System.nanoTime() < deadline, "events of tenant " + tenant + " were not sealed in 20 s");
            try {
                if (sealer.sealBatch() == 0) {
                    Thread.sleep(50); // the scheduled sealer holds the lock
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What only a superuser can do: change the trail with its append-only trigger bypassed. */
    private void tamper(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET session_replication_role = replica");
            }
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    p.setObject(i + 1, params[i]);
                }
                assertEquals(1, p.executeUpdate());
            }
        }
    }

    private static Response verification(Fixture f, String query) {
        return as(Tokens.forTenant("auditor", f.tenant())).get(f.path() + "/verification" + query);
    }

    @Test
    void everyEvent_isSealedIntoTheTenantsChainInOrder_andTheChainVerifies() {
        Fixture f = fixture();
        JsonPath page = as(Tokens.forTenant("auditor", f.tenant())).get(f.path() + "?limit=200")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertEquals(7, items.size()); // tenant.create, policy.create, 3 account.create, 2 signature.create
        Set<Long> seqs = new HashSet<>();
        for (Map<String, Object> item : items) {
            seqs.add(((Number) item.get("seq")).longValue());
            assertEquals(64, ((String) item.get("hash")).length());
        }
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), seqs);

        verification(f, "").then().statusCode(200).body("valid", equalTo(true)).body("checked", equalTo(7))
                .body("headSeq", equalTo(7)).body("firstInvalidSeq", nullValue());
        verification(f, "?fromSeq=3&toSeq=5").then().statusCode(200).body("valid", equalTo(true))
                .body("checked", equalTo(3));
    }

    @Test
    void aRowAlteredInSql_isReportedAtItsPosition() throws SQLException {
        Fixture f = fixture();
        tamper("UPDATE audit_events SET details = details || '{\"value\": \"5000000\"}' WHERE tenant_id = ? AND seq = 6",
                f.tenant());

        verification(f, "").then().statusCode(200).body("valid", equalTo(false)).body("firstInvalidSeq", equalTo(6))
                .body("reason", equalTo("altered")).body("checked", equalTo(5));
        verification(f, "?toSeq=5").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aRowDeletedInSql_isReportedMissing_inTheMiddleOrAtTheEnd() throws SQLException {
        Fixture middle = fixture();
        tamper("DELETE FROM audit_events WHERE tenant_id = ? AND seq = 3", middle.tenant());
        verification(middle, "").then().statusCode(200).body("valid", equalTo(false))
                .body("firstInvalidSeq", equalTo(3)).body("reason", equalTo("missing"));

        Fixture end = fixture();
        tamper("DELETE FROM audit_events WHERE tenant_id = ? AND seq = 7", end.tenant());
        verification(end, "").then().statusCode(200).body("valid", equalTo(false))
                .body("firstInvalidSeq", equalTo(7)).body("reason", equalTo("missing"));
    }

    @Test
    void theLastEventAlteredAndRehashed_isCaughtByTheChainHead() throws SQLException {
        Fixture f = fixture();
        tamper("UPDATE audit_events SET details = details || '{\"to\": \"0x0000000000000000000000000000000000000001\"}' "
                + "WHERE tenant_id = ? AND seq = 7", f.tenant());
        AuditChain.Event altered = lastEvent(f);
        tamper("UPDATE audit_events SET hash = ? WHERE tenant_id = ? AND seq = 7",
                AuditChain.hash(altered.prevHash(), altered, 7), f.tenant());

        verification(f, "").then().statusCode(200).body("valid", equalTo(false))
                .body("firstInvalidSeq", equalTo(7)).body("reason", equalTo("head-mismatch")).body("checked", equalTo(7));
    }

    private AuditChain.Event lastEvent(Fixture f) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + AuditRows.COLUMNS + " FROM audit_events WHERE tenant_id = ? AND seq = 7")) {
            s.setObject(1, f.tenant());
            var rows = s.executeQuery();
            assertTrue(rows.next());
            return AuditRows.read(rows, new com.fasterxml.jackson.databind.ObjectMapper());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void filters_selectByActionActorAccountOutcomeTransactionAndTime() {
        Fixture f = fixture();
        String auditor = Tokens.forTenant("auditor", f.tenant());

        as(auditor).get(f.path() + "?action=account.create").then().statusCode(200).body("items", hasSize(3));
        as(auditor).get(f.path() + "?actor=user-signer").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].action", equalTo("signature.create"));
        as(auditor).get(f.path() + "?accountId=" + f.accounts().getFirst()).then().statusCode(200)
                .body("items", hasSize(3)); // its creation and two signatures
        as(auditor).get(f.path() + "?transactionHash=" + f.transactionHashes().get(1).toUpperCase().replace("0X", "0x"))
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].details.transactionHash", equalTo(f.transactionHashes().get(1)));
        as(auditor).get(f.path() + "?outcome=DENIED").then().statusCode(200).body("items", hasSize(0));

        String secondSignatureAt = as(auditor).get(f.path() + "?action=signature.create").then().statusCode(200)
                .extract().path("items[1].occurredAt");
        as(auditor).get(f.path() + "?from=" + secondSignatureAt).then().statusCode(200).body("items", hasSize(1));
        as(auditor).get(f.path() + "?to=" + secondSignatureAt).then().statusCode(200).body("items", hasSize(6));
    }

    @Test
    void pages_walkEveryEventOnce_andNdjsonAndCsvExportTheSameEvents() {
        Fixture f = fixture();
        String auditor = Tokens.forTenant("auditor", f.tenant());
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = as(auditor).queryParam("limit", 3).queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get(f.path()).then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(7, paged.size());
        assertEquals(7, new HashSet<>(paged).size());

        String ndjson = as(auditor).accept("application/x-ndjson").get(f.path()).then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<Map<String, Object>> page = as(auditor).get(f.path() + "?limit=200").then().statusCode(200)
                .extract().jsonPath().getList("items");
        List<Map<String, Object>> exported = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            exported.add(JsonPath.from(line).getMap(""));
            assertNotNull(exported.getLast().get("hash"));
        }
        assertEquals(page, exported, "an export line is the page's item, member for member");

        String csv = as(auditor).accept("text/csv").get(f.path() + "?action=signature.create").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("seq,occurredAt,id,tenantId,actor,action,resourceType,resourceId,outcome,requestId,details,prevHash,hash",
                lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[1].contains(",user-signer,signature.create,account," + f.accounts().getFirst() + ",SUCCESS,"),
                lines[1]);
    }

    @Test
    void auditorsAndAdminsOfTheTenant_andPlatformAdmins_read_othersDoNot() {
        Fixture f = fixture();
        Fixture other = fixture();

        as(Tokens.forTenant("tenant-admin", f.tenant())).get(f.path()).then().statusCode(200);
        as(Tokens.forTenant("signer", f.tenant())).get(f.path()).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(Tokens.forTenant("auditor", other.tenant())).get(f.path()).then().statusCode(404)
                .body("code", equalTo("TENANT_NOT_FOUND"));
        as(Tokens.forTenant("auditor", other.tenant())).get(f.path() + "/verification").then().statusCode(404);
        as(Tokens.forTenant("auditor", f.tenant())).get("/v1/audit-events").then().statusCode(403);

        as(Tokens.platformAdmin()).get(f.path()).then().statusCode(200).body("items", hasSize(7));
        as(Tokens.platformAdmin()).get("/v1/audit-events?tenantId=" + other.tenant()).then().statusCode(200)
                .body("items", hasSize(7)).body("items.tenantId", org.hamcrest.Matchers.everyItem(
                        equalTo(other.tenant().toString())));
        as(Tokens.platformAdmin()).get("/v1/tenants/" + UUID.randomUUID() + "/audit-events").then().statusCode(404)
                .body("code", equalTo("TENANT_NOT_FOUND"));
    }

    @Test
    void badParameters_are400WithAStableCode() {
        UUID tenant = createTenant(unique("Audit bad input"));
        String auditor = Tokens.forTenant("auditor", tenant);
        String path = "/v1/tenants/" + tenant + "/audit-events";
        Map<String, String> invalidQuery = Map.of(
                "from=yesterday", "from",
                "to=2026-13-01T00:00:00Z", "to",
                "from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to",
                "action=Signature", "action",
                "outcome=MAYBE", "outcome",
                "transactionHash=0x1234", "transactionHash",
                "limit=0", "limit");
        invalidQuery.forEach((query, parameter) -> as(auditor).get(path + "?" + query).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_QUERY_PARAMETER")));
        as(auditor).get(path + "?cursor=bm90LWEtY3Vyc29y").then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
        as(auditor).get(path + "?accountId=not-a-uuid").then().statusCode(400).body("code", equalTo("INVALID_ID"));
        as(auditor).accept("application/x-ndjson").get(path + "?limit=10").then().statusCode(400)
                .body("code", equalTo("INVALID_QUERY_PARAMETER"));
        as(auditor).accept("text/html").get(path).then().statusCode(406);
        for (String query : List.of("fromSeq=0", "fromSeq=x", "toSeq=-1", "fromSeq=5&toSeq=2")) {
            as(auditor).get(path + "/verification?" + query).then().statusCode(400)
                    .body("code", equalTo("INVALID_QUERY_PARAMETER"));
        }
    }
}
