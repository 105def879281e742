package io.custody.api.tenants;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantApiTest {

    private final DataSource db = TestDb.get();

    @Test
    void create_returns201_withLocationAndTheTenant() {
        String name = unique("Acme");
        String ref = "acme-" + UUID.randomUUID();
        Response response = as(Tokens.platformAdmin())
                .body(Map.of("name", name, "externalRef", ref))
                .post("/v1/tenants");

        response.then().statusCode(201)
                .body("name", equalTo(name))
                .body("externalRef", equalTo(ref))
                .body("status", equalTo("ACTIVE"))
                .body("createdAt", notNullValue());
        String id = response.path("id");
        assertTrue(response.header("Location").endsWith("/v1/tenants/" + id), response.header("Location"));
        assertTrue(Instant.parse(response.path("createdAt")).isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void create_withoutExternalRef_storesNull() {
        as(Tokens.platformAdmin()).body(Map.of("name", unique("NoRef"))).post("/v1/tenants")
                .then().statusCode(201).body("externalRef", nullValue());
    }

    @Test
    void get_returnsWhatCreateReturned() {
        String name = unique("Readback");
        Response created = as(Tokens.platformAdmin()).body(Map.of("name", name)).post("/v1/tenants");
        String id = created.path("id");

        as(Tokens.platformAdmin()).get("/v1/tenants/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo(name))
                .body("createdAt", equalTo(created.<String>path("createdAt")));
    }

    @Test
    void create_isRefused_whenExternalRefIsTaken() {
        String ref = "dup-" + UUID.randomUUID();
        as(Tokens.platformAdmin()).body(Map.of("name", unique("First"), "externalRef", ref)).post("/v1/tenants")
                .then().statusCode(201);
        long before = Sql.count(db, "SELECT count(*) FROM tenants");

        as(Tokens.platformAdmin()).body(Map.of("name", unique("Second"), "externalRef", ref)).post("/v1/tenants")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("EXTERNAL_REF_CONFLICT"))
                .body("field", equalTo("externalRef"));
        assertEquals(before, Sql.count(db, "SELECT count(*) FROM tenants"));
    }

    @Test
    void patch_suspendsAndRenames_andAuditsTheChange() {
        UUID id = createTenant(unique("Patchable"));
        String newName = unique("Renamed");

        as(Tokens.platformAdmin()).body(Map.of("status", "SUSPENDED", "name", newName))
                .patch("/v1/tenants/" + id)
                .then().statusCode(200)
                .body("status", equalTo("SUSPENDED"))
                .body("name", equalTo(newName));

        as(Tokens.platformAdmin()).get("/v1/tenants/" + id).then().body("status", equalTo("SUSPENDED"));
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'tenant.update'
                AND details -> 'status' ->> 'to' = 'SUSPENDED' AND details -> 'name' ->> 'to' = ?""", id, newName));

        as(Tokens.platformAdmin()).body(Map.of("status", "ACTIVE")).patch("/v1/tenants/" + id)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void patch_withNoChange_writesNoAuditEvent() {
        String name = unique("Same");
        UUID id = createTenant(name);

        as(Tokens.platformAdmin()).body(Map.of("name", name, "status", "ACTIVE")).patch("/v1/tenants/" + id)
                .then().statusCode(200);

        assertEquals(0, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'tenant.update'", id));
    }

    @Test
    void patch_withNoFields_isRefused() {
        UUID id = createTenant(unique("Empty patch"));
        as(Tokens.platformAdmin()).body("{}").patch("/v1/tenants/" + id)
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void getAndPatch_answer404_forATenantThatDoesNotExist() {
        String missing = "/v1/tenants/" + UUID.randomUUID();
        as(Tokens.platformAdmin()).get(missing)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("TENANT_NOT_FOUND"));
        as(Tokens.platformAdmin()).body(Map.of("status", "SUSPENDED")).patch(missing)
                .then().statusCode(404).body("code", equalTo("TENANT_NOT_FOUND"));
    }

    @Test
    void tenantRoles_canReadTheirOwnTenant() {
        UUID id = createTenant(unique("Own"));
        for (String role : new String[] {"tenant-admin", "signer", "auditor"}) {
            as(Tokens.forTenant(role, id)).get("/v1/tenants/" + id)
                    .then().statusCode(200).body("id", equalTo(id.toString()));
        }
    }
}
