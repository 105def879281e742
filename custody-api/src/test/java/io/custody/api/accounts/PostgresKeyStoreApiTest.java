package io.custody.api.accounts;

import static io.custody.api.accounts.AccountBatchApiTest.assertSignsAs;
import static io.custody.api.accounts.AccountBatchApiTest.awaitFinished;
import static io.custody.api.accounts.AccountBatchApiTest.submit;
import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.api.dev.LocalAwsLauncher;
import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The PostgreSQL-only key store: wrapped keys in the account rows, no Secrets Manager at all. */
@QuarkusTest
@TestProfile(PostgresKeyStoreApiTest.PostgresKeyStore.class)
class PostgresKeyStoreApiTest {
    private final DataSource db = TestDb.get();

    @Inject
    LocalAwsLauncher aws;

    public static class PostgresKeyStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("custody.keystore.type", "postgres");
        }
    }

    private long secretsManagerCalls() {
        return aws.emulator().metrics().entrySet().stream()
                .filter(e -> e.getKey().startsWith("secretsmanager.")).mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void singleAndBatchAccounts_keepTheirWrappedKeysInTheirRows_andSign_withoutSecretsManager() {
        UUID tenant = createTenant(unique("Postgres keys"));
        long before = secretsManagerCalls();
        Response single = as(Tokens.forTenant("tenant-admin", tenant)).body(Map.of())
                .post("/v1/tenants/" + tenant + "/accounts");
        single.then().statusCode(201);
        String batch = submit(tenant, Map.of("count", 1000)).then().statusCode(202).extract().path("id");
        assertEquals("COMPLETED", awaitFinished(tenant, batch).getString("status"));

        assertEquals(1001, Sql.count(db, """
                SELECT count(*) FROM accounts a JOIN key_shards s ON s.id = a.shard_id
                WHERE a.tenant_id = ? AND s.store = 'POSTGRES' AND s.secret_arn IS NULL
                  AND octet_length(a.wrapped_key) = 61""", tenant));
        assertSignsAs(tenant, single.path("id"), single.path("address"));
        List<Map<String, Object>> accounts = as(Tokens.forTenant("signer", tenant)).queryParam("batchId", batch)
                .queryParam("limit", "100").get("/v1/tenants/" + tenant + "/accounts").then().statusCode(200)
                .extract().path("items");
        assertEquals(100, accounts.size());
        assertSignsAs(tenant, (String) accounts.getLast().get("id"), (String) accounts.getLast().get("address"));
        assertEquals(before, secretsManagerCalls(), "no Secrets Manager call at all");
    }

    @Test
    void aTamperedWrappedKeyInItsRow_failsToUnwrap_andNothingIsSigned() throws Exception {
        UUID tenant = createTenant(unique("Postgres tamper"));
        String id = as(Tokens.forTenant("tenant-admin", tenant)).body(Map.of())
                .post("/v1/tenants/" + tenant + "/accounts").then().statusCode(201).extract().path("id");
        Sql.execute(db, """
                UPDATE accounts SET wrapped_key = overlay(wrapped_key placing
                    decode(lpad(to_hex(get_byte(wrapped_key, 60) # 1), 2, '0'), 'hex') from 61 for 1)
                WHERE id = ?::uuid""", id);

        as(Tokens.forTenant("signer", tenant)).body("{\"type\": \"eip191_message\", \"message\": \"x\"}")
                .post("/v1/tenants/" + tenant + "/accounts/" + id + "/signatures")
                .then().statusCode(500).contentType("application/problem+json").body("code", equalTo("KEY_INTEGRITY_FAILURE"));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'signature.create'", tenant));
    }
}
