package io.custody.api.policies;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PolicyApiTest {
    private static final String TO = "0x3535353535353535353535353535353535353535";
    private static final String MAINNET_ONLY = """
            {"rules": [{"id": "mainnet", "effect": "ALLOW", "when": {"chainIds": ["1"]}},
                       {"id": "no-burn", "effect": "DENY", "when": {"to": ["0x000000000000000000000000000000000000dEaD"]}}]}""";
    private final DataSource db = TestDb.get();

    private record Fixture(UUID tenant, String account) {
        String policy() {
            return "/v1/tenants/" + tenant + "/policy";
        }
    }

    private static Fixture fixture() {
        UUID tenant = createTenant(unique("Policies"));
        String account = as(Tokens.forTenant("tenant-admin", tenant)).body(Map.of())
                .post("/v1/tenants/" + tenant + "/accounts").then().statusCode(201).extract().path("id");
        return new Fixture(tenant, account);
    }

    private static String transaction(long chainId, String to) {
        return """
                {"type": "eip1559_transaction", "transaction": {"chainId": "%d", "nonce": "0", "to": "%s", "value": "1",
                 "gasLimit": "21000", "maxFeePerGas": "30000000000", "maxPriorityFeePerGas": "1"}}""".formatted(chainId, to);
    }

    private static Response sign(Fixture f, String body) {
        return as(Tokens.forTenant("signer", f.tenant())).body(body)
                .post("/v1/tenants/" + f.tenant() + "/accounts/" + f.account() + "/signatures");
    }

    private static Response put(Fixture f, String document) {
        return as(Tokens.forTenant("tenant-admin", f.tenant())).body(document).put(f.policy());
    }

    private long signatures(Fixture f, String outcome) {
        return Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'signature.create'"
                + " AND outcome = ?", f.tenant(), outcome);
    }

    @Test
    void aNewTenant_hasTheDefaultAllowAllPolicy_asVersion1() {
        Fixture f = fixture();
        as(Tokens.forTenant("auditor", f.tenant())).get(f.policy()).then().statusCode(200)
                .body("version", equalTo(1)).body("document.rules[0].id", equalTo("allow-all"))
                .body("createdBy", equalTo("system:tenant-default"));
        sign(f, transaction(5, TO)).then().statusCode(200);
    }

    @Test
    void aWrittenPolicy_isTheNextVersion_audited_andDecidesEverySignatureFromThenOn() {
        Fixture f = fixture();
        put(f, MAINNET_ONLY).then().statusCode(200).body("version", equalTo(2))
                .body("document.rules[1].id", equalTo("no-burn")).body("createdBy", equalTo("user-tenant-admin"));
        as(Tokens.forTenant("auditor", f.tenant())).get(f.policy() + "/versions").then().statusCode(200)
                .body("version", contains(2, 1));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'policy.update'"
                + " AND (details ->> 'version')::int = 2 AND details ->> 'sha256' = encode(sha256(convert_to(?, 'UTF8')), 'hex')",
                f.tenant(), MAINNET_ONLY));

        sign(f, transaction(1, TO)).then().statusCode(200);
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'signature.create'"
                + " AND outcome = 'SUCCESS' AND (details ->> 'policyVersion')::int = 2", f.tenant()));

        sign(f, transaction(5, TO)).then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("POLICY_DENIED")).body("ruleId", nullValue());
        sign(f, transaction(1, "0x000000000000000000000000000000000000dEaD")).then().statusCode(403)
                .body("code", equalTo("POLICY_DENIED")).body("ruleId", equalTo("no-burn"));
        assertEquals(1, signatures(f, "SUCCESS"));
        assertEquals(2, signatures(f, "DENIED"), "each refusal is audited, and nothing is signed");
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND outcome = 'DENIED'"
                + " AND details ->> 'ruleId' = 'no-burn' AND details ->> 'chainId' = '1'", f.tenant()));
    }

    @Test
    void evaluate_explainsTheDecisionWithoutSigningOrRecording() {
        Fixture f = fixture();
        put(f, MAINNET_ONLY).then().statusCode(200);
        long events = Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ?", f.tenant());

        as(Tokens.forTenant("signer", f.tenant())).body(transaction(1, "0x000000000000000000000000000000000000dEaD"))
                .post(f.policy() + "/evaluate").then().statusCode(200).body("allowed", equalTo(false))
                .body("ruleId", equalTo("no-burn")).body("matchedRuleIds", contains("mainnet", "no-burn"))
                .body("policyVersion", equalTo(2));
        as(Tokens.forTenant("signer", f.tenant())).body(transaction(1, TO)).post(f.policy() + "/evaluate").then()
                .statusCode(200).body("allowed", equalTo(true)).body("ruleId", equalTo("mainnet"));
        assertEquals(events, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ?", f.tenant()));

        as(Tokens.forTenant("signer", f.tenant())).body("{\"type\": \"eth_sign\"}").post(f.policy() + "/evaluate")
                .then().statusCode(400).body("code", equalTo("UNKNOWN_SIGNATURE_TYPE"));
    }

    @Test
    void invalidPolicies_are400WithThePath_andStoreNothing() {
        Fixture f = fixture();
        Map<String, String> cases = Map.of(
                "{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"chainId\": [\"1\"]}}]}",
                "$.rules[0].when.chainId",
                "{\"rules\": [{\"id\": \"a\", \"effect\": \"DENY\", \"limits\": [{\"scope\": \"account\", "
                        + "\"window\": \"24h\", \"maxCount\": 5}]}]}", "$.rules[0].limits",
                "{\"rules\": []}", "$.rules",
                "{\"rules\": [{\"id\": \"a\", \"effect\": \"MAYBE\"}]}", "$.rules[0].effect",
                "not json", "$");
        cases.forEach((document, path) -> put(f, document).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_POLICY")).body("field", equalTo(path)));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM policies WHERE tenant_id = ?", f.tenant()));
        as(Tokens.forTenant("tenant-admin", f.tenant())).contentType("application/json").put(f.policy()).then()
                .statusCode(400).body("code", equalTo("BODY_REQUIRED"));
    }

    @Test
    void onlyTheTenantsAdminWritesItsPolicy() {
        Fixture f = fixture();
        Fixture other = fixture();
        as(Tokens.forTenant("signer", f.tenant())).body(MAINNET_ONLY).put(f.policy()).then().statusCode(403);
        as(Tokens.forTenant("auditor", f.tenant())).body(MAINNET_ONLY).put(f.policy()).then().statusCode(403);
        as(Tokens.forTenant("tenant-admin", other.tenant())).body(MAINNET_ONLY).put(f.policy()).then().statusCode(404)
                .body("code", equalTo("TENANT_NOT_FOUND"));
        as(Tokens.forTenant("auditor", other.tenant())).get(f.policy()).then().statusCode(404);
        as(Tokens.forTenant("auditor", f.tenant())).get(f.policy() + "/versions?before=0").then().statusCode(400)
                .body("code", equalTo("INVALID_QUERY_PARAMETER"));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM policies WHERE tenant_id = ?", f.tenant()));
    }

    @Test
    void concurrentSignatures_neverExceedAnAccountsCountLimit() throws Exception {
        Fixture f = fixture();
        put(f, """
                {"rules": [{"id": "five-a-day", "effect": "ALLOW",
                            "limits": [{"scope": "account", "window": "24h", "maxCount": 5}]}]}""").then().statusCode(200);
        int requests = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(requests);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return sign(f, transaction(1, TO));
            }));
        }
        start.countDown();
        int allowed = 0;
        int denied = 0;
        for (java.util.concurrent.Future<Response> answer : answers) {
            Response response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                allowed++;
            } else {
                response.then().statusCode(403).body("code", equalTo("POLICY_DENIED")).body("ruleId", equalTo("five-a-day"));
                denied++;
            }
        }
        pool.shutdown();
        assertEquals(5, allowed);
        assertEquals(requests - 5, denied);
        assertEquals(5, Sql.count(db, "SELECT count(*) FROM policy_usage WHERE account_id = ?::uuid AND rule_id = 'five-a-day'",
                f.account()));
        assertEquals(5, signatures(f, "SUCCESS"));
        assertEquals(requests - 5, signatures(f, "DENIED"));
    }

    @Test
    void aTenantValueLimit_countsEveryAccountsTransactions_andEvaluateSeesTheTotals() {
        Fixture f = fixture();
        String second = as(Tokens.forTenant("tenant-admin", f.tenant())).body(Map.of())
                .post("/v1/tenants/" + f.tenant() + "/accounts").then().statusCode(201).extract().path("id");
        put(f, """
                {"rules": [{"id": "ten-wei", "effect": "ALLOW",
                            "limits": [{"scope": "tenant", "window": "1h", "maxValue": "10"}]}]}""").then().statusCode(200);
        String four = transaction(1, TO).replace("\"value\": \"1\"", "\"value\": \"4\"");
        sign(f, four).then().statusCode(200);
        as(Tokens.forTenant("signer", f.tenant())).body(four)
                .post("/v1/tenants/" + f.tenant() + "/accounts/" + second + "/signatures").then().statusCode(200);
        sign(f, four).then().statusCode(403).body("ruleId", equalTo("ten-wei")); // 8 + 4 > 10
        as(Tokens.forTenant("signer", f.tenant())).body(four).post(f.policy() + "/evaluate").then().statusCode(200)
                .body("allowed", equalTo(false)).body("ruleId", equalTo("ten-wei"));
        String two = transaction(1, TO).replace("\"value\": \"1\"", "\"value\": \"2\"");
        sign(f, two).then().statusCode(200); // 8 + 2 = 10
    }

    /** As a superuser could: change the stored policy behind the API's back. */
    private void asSuperuser(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    p.setObject(i + 1, params[i]);
                }
                p.executeUpdate();
            }
        }
    }

    @Test
    void aPolicyAlteredInTheDatabase_isRefusedByTheEnclave_andNothingIsSigned() throws SQLException {
        Fixture f = fixture();
        put(f, MAINNET_ONLY).then().statusCode(200);
        asSuperuser("UPDATE policies SET document = replace(document, '\"1\"', '\"5\"') WHERE tenant_id = ? AND version = 2",
                f.tenant());

        sign(f, transaction(5, TO)).then().statusCode(500).body("code", equalTo("POLICY_INTEGRITY_FAILURE"));
        assertEquals(0, signatures(f, "SUCCESS"));
    }

    @Test
    void aSupersededVersion_putBackAsCurrent_isRefusedByTheEnclave() throws SQLException {
        Fixture f = fixture();
        put(f, MAINNET_ONLY).then().statusCode(200);
        sign(f, transaction(5, TO)).then().statusCode(403); // version 2 in force
        // Roll the policy back to the allow-all version 1 by deleting version 2.
        asSuperuser("DELETE FROM policies WHERE tenant_id = ? AND version = 2", f.tenant());

        sign(f, transaction(5, TO)).then().statusCode(500).body("code", equalTo("POLICY_INTEGRITY_FAILURE"));
        assertEquals(0, signatures(f, "SUCCESS"));
    }
}
