package io.custody.api.accounts;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountApiTest {
    private final DataSource db = TestDb.get();

    private static Response createAccount(UUID tenant, Object body) {
        return as(Tokens.forTenant("tenant-admin", tenant)).body(body).post("/v1/tenants/" + tenant + "/accounts");
    }

    @Test
    void create_returns201_withAChecksummedAddressAndThePublicKey_andKeepsOnlyTheWrappedKey() {
        UUID tenant = createTenant(unique("Accounts"));
        Response created = createAccount(tenant, Map.of("label", "customer-1"));

        created.then().statusCode(201)
                .body("address", matchesPattern("0x[0-9a-fA-F]{40}"))
                .body("publicKey", matchesPattern("0x04[0-9a-f]{128}"))
                .body("curve", equalTo("secp256k1"))
                .body("label", equalTo("customer-1"));
        String id = created.path("id");
        String address = created.path("address");
        assertEquals(address, Addresses.checksummed(Addresses.parse("address", address.toLowerCase())));
        assertTrue(created.header("Location").endsWith("/v1/tenants/" + tenant + "/accounts/" + id));
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM accounts a JOIN key_shards s ON s.id = a.shard_id AND s.tenant_id = a.tenant_id
                WHERE a.id = ?::uuid AND a.tenant_id = ? AND a.dek_version = 1 AND a.shard_slot = 0
                  AND s.entry_count = 1""", id, tenant));
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'account.create'
                  AND resource_id = ? AND details ->> 'address' = ?""", tenant, id, address));
    }

    @Test
    void get_findsAnAccountByIdOrByAddress_inAnyCase() {
        UUID tenant = createTenant(unique("Lookup"));
        Response created = createAccount(tenant, Map.of());
        String id = created.path("id");
        String address = created.path("address");
        String token = Tokens.forTenant("auditor", tenant);

        for (String key : List.of(id, address, address.toLowerCase())) {
            as(token).get("/v1/tenants/" + tenant + "/accounts/" + key)
                    .then().statusCode(200).body("id", equalTo(id)).body("address", equalTo(address));
        }
    }

    @Test
    void list_filtersByLabelPrefixAndAddress_andPages() {
        UUID tenant = createTenant(unique("Listing"));
        for (int i = 0; i < 3; i++) {
            createAccount(tenant, Map.of("label", "vip-" + i)).then().statusCode(201);
        }
        String other = createAccount(tenant, Map.of("label", "regular")).then().statusCode(201).extract().path("address");
        String token = Tokens.forTenant("signer", tenant);
        String path = "/v1/tenants/" + tenant + "/accounts";

        as(token).queryParam("labelPrefix", "vip-").get(path).then().statusCode(200).body("items.size()", equalTo(3));
        as(token).queryParam("labelPrefix", "vip_").get(path).then().body("items.size()", equalTo(0));
        as(token).queryParam("address", other).get(path).then().body("items.size()", equalTo(1))
                .body("items[0].label", equalTo("regular"));
        Response first = as(token).queryParam("limit", 2).get(path);
        first.then().body("items.size()", equalTo(2));
        as(token).queryParam("limit", 2).queryParam("cursor", first.<String>path("nextCursor")).get(path)
                .then().body("items.size()", equalTo(2)).body("nextCursor", equalTo(null));
    }

    @Test
    void anotherTenantsAccount_isIndistinguishableFromAMissingOne() {
        UUID tenantA = createTenant(unique("A"));
        UUID tenantB = createTenant(unique("B"));
        String accountOfB = createAccount(tenantB, Map.of()).then().statusCode(201).extract().path("id");
        String tokenA = Tokens.forTenant("tenant-admin", tenantA);

        Response crossed = as(tokenA).header("X-Request-Id", "r1").get("/v1/tenants/" + tenantA + "/accounts/" + accountOfB);
        Response missing = as(tokenA).header("X-Request-Id", "r1").get("/v1/tenants/" + tenantA + "/accounts/" + UUID.randomUUID());
        assertEquals(404, crossed.statusCode());
        assertEquals(missing.asString(), crossed.asString());
        as(tokenA).get("/v1/tenants/" + tenantB + "/accounts/" + accountOfB)
                .then().statusCode(404).body("code", equalTo("TENANT_NOT_FOUND"));
        as(tokenA).body(Map.of()).post("/v1/tenants/" + tenantB + "/accounts")
                .then().statusCode(404).body("code", equalTo("TENANT_NOT_FOUND"));
    }

    @Test
    void suspendedTenant_cannotCreateAccounts_andNothingIsWritten() {
        UUID tenant = createTenant(unique("Suspended"));
        as(Tokens.platformAdmin()).body(Map.of("status", "SUSPENDED")).patch("/v1/tenants/" + tenant).then().statusCode(200);

        createAccount(tenant, Map.of("label", "x")).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("TENANT_SUSPENDED"));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM accounts WHERE tenant_id = ?", tenant));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM key_shards WHERE tenant_id = ?", tenant));
    }

    @Test
    void onlyTenantAdmins_createAccounts() {
        UUID tenant = createTenant(unique("Roles"));
        as(Tokens.forTenant("signer", tenant)).body(Map.of()).post("/v1/tenants/" + tenant + "/accounts")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(Tokens.forTenant("auditor", tenant)).body(Map.of()).post("/v1/tenants/" + tenant + "/accounts")
                .then().statusCode(403);
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM accounts WHERE tenant_id = ?", tenant));
    }

    @Test
    void badInput_isRefused_andWritesNothing() {
        UUID tenant = createTenant(unique("Bad input"));
        String token = Tokens.forTenant("tenant-admin", tenant);
        String path = "/v1/tenants/" + tenant + "/accounts";
        as(token).body("{\"label\": \"\"}").post(path).then().statusCode(400).body("field", equalTo("label"));
        as(token).body("{\"label\": 7}").post(path).then().statusCode(400).body("code", equalTo("INVALID_FIELD_TYPE"));
        as(token).body("{\"owner\": \"x\"}").post(path).then().statusCode(400).body("code", equalTo("UNKNOWN_FIELD"));
        as(token).get(path + "/not-an-id").then().statusCode(400).body("code", equalTo("INVALID_ID"));
        as(token).get(path + "/0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD".toLowerCase().replace("5aaeb", "5AAeb"))
                .then().statusCode(400).body("field", equalTo("accountId"));
        as(token).queryParam("address", "0x123").get(path).then().statusCode(400).body("field", equalTo("address"));
        as(token).queryParam("batchId", "nope").get(path).then().statusCode(400).body("field", equalTo("batchId"));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM accounts WHERE tenant_id = ?", tenant));
    }
}
