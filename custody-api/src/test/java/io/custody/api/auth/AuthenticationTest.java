package io.custody.api.auth;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    private final DataSource db = TestDb.get();

    @Test
    void noToken_is401ProblemWithBearerChallenge() {
        given().get("/v1/tenants")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void everyRefusedAuthentication_isAuditedOnThePlatformChain_withoutTheToken() {
        String missing = "auth-missing-" + java.util.UUID.randomUUID();
        String refused = "auth-refused-" + java.util.UUID.randomUUID();
        given().header("X-Request-Id", missing).get("/v1/tenants").then().statusCode(401);
        as("not.a.jwt").header("X-Request-Id", refused).get("/v1/tenants?limit=5").then().statusCode(401);

        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id IS NULL AND action = 'auth.failure'
                  AND outcome = 'FAILURE' AND actor = 'anonymous' AND request_id = ?
                  AND details ->> 'method' = 'GET' AND details ->> 'path' = '/v1/tenants'
                  AND details ->> 'reason' = 'no bearer token'""", missing));
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id IS NULL AND action = 'auth.failure'
                  AND request_id = ? AND details ->> 'reason' = 'the bearer token was refused'
                  AND details::text NOT LIKE '%not.a.jwt%'""", refused));
    }

    @Test
    void garbageToken_is401() {
        as("not.a.jwt").get("/v1/tenants").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void tokenSignedByAnotherKey_is401() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Tokens.claims("mallory", "platform-admin").sign(generator.generateKeyPair().getPrivate());
        as(forged).get("/v1/tenants").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void expiredToken_is401() {
        String expired = Tokens.sign(Jwt.issuer(Tokens.ISSUER).subject("late").groups(Set.of("platform-admin"))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)));
        as(expired).get("/v1/tenants").then().statusCode(401);
    }

    @Test
    void tokenFromAnotherIssuer_is401() {
        String other = Tokens.sign(Jwt.issuer("https://evil.example").subject("x").groups(Set.of("platform-admin")).expiresIn(600));
        as(other).get("/v1/tenants").then().statusCode(401);
    }

    @Test
    void unsignedToken_is401() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String body = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + Tokens.ISSUER + "\",\"sub\":\"x\",\"groups\":[\"platform-admin\"],\"exp\":"
                        + (Instant.now().getEpochSecond() + 600) + "}").getBytes());
        as(header + "." + body + ".").get("/v1/tenants").then().statusCode(401);
    }

    @Test
    void wrongRole_is403_andChangesNothing() {
        UUID tenant = createTenant(unique("Role check"));
        long before = Sql.count(db, "SELECT count(*) FROM tenants");

        as(Tokens.forTenant("tenant-admin", tenant)).body(Map.of("name", unique("Not allowed"))).post("/v1/tenants")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        as(Tokens.forTenant("signer", tenant)).get("/v1/tenants")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(Tokens.forTenant("tenant-admin", tenant)).body(Map.of("status", "SUSPENDED")).patch("/v1/tenants/" + tenant)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));

        assertEquals(before, Sql.count(db, "SELECT count(*) FROM tenants"));
        as(Tokens.platformAdmin()).get("/v1/tenants/" + tenant).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void tenantRoleWithoutTenantClaim_reachesNoTenant() {
        UUID tenant = createTenant(unique("Claimless"));
        String claimless = Tokens.sign(Tokens.claims("lost", "tenant-admin"));
        as(claimless).get("/v1/tenants/" + tenant).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        String malformedClaim = Tokens.sign(Tokens.claims("odd", "tenant-admin").claim("tenant_id", "not-a-uuid"));
        as(malformedClaim).get("/v1/tenants/" + tenant).then().statusCode(403);
    }

    @Test
    void otherTenantsResource_isIndistinguishableFromAMissingOne() {
        UUID tenantA = createTenant(unique("Tenant A"));
        UUID tenantB = createTenant(unique("Tenant B"));
        UUID missing = UUID.randomUUID();
        String requestId = "same-request-id";

        for (String role : new String[] {"tenant-admin", "signer", "auditor"}) {
            String tokenA = Tokens.forTenant(role, tenantA);
            Response other = as(tokenA).header("X-Request-Id", requestId).get("/v1/tenants/" + tenantB);
            Response absent = as(tokenA).header("X-Request-Id", requestId).get("/v1/tenants/" + missing);
            assertEquals(404, other.statusCode());
            assertEquals(absent.statusCode(), other.statusCode());
            assertEquals(absent.asString(), other.asString(), "same body for another tenant's and a missing tenant");
            assertEquals(absent.contentType(), other.contentType());

            Response otherPatch = as(tokenA).header("X-Request-Id", requestId).body(Map.of("status", "SUSPENDED"))
                    .patch("/v1/tenants/" + tenantB);
            Response absentPatch = as(tokenA).header("X-Request-Id", requestId).body(Map.of("status", "SUSPENDED"))
                    .patch("/v1/tenants/" + missing);
            assertEquals(404, otherPatch.statusCode());
            assertEquals(absentPatch.asString(), otherPatch.asString());
        }
        as(Tokens.platformAdmin()).get("/v1/tenants/" + tenantB).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void problemBodies_neverCarryStackTracesOrClassNames() {
        as("not.a.jwt").get("/v1/tenants").then().body(not(containsString("Exception")))
                .body(not(containsString("io.quarkus")));
        given().contentType(ContentType.JSON).body("{").post("/v1/tenants").then()
                .statusCode(401).body(not(containsString("Exception")));
    }
}
