package io.custody.api.http;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed request is a 4xx problem+json with a stable code, and writes nothing. */
@QuarkusTest
class BadInputTest {

    private final DataSource db = TestDb.get();

    private long tenantsBefore;
    private long auditBefore;

    @BeforeEach
    void countRows() {
        tenantsBefore = Sql.count(db, "SELECT count(*) FROM tenants");
        auditBefore = Sql.count(db, "SELECT count(*) FROM audit_events");
    }

    @AfterEach
    void nothingWasWritten() {
        assertEquals(tenantsBefore, Sql.count(db, "SELECT count(*) FROM tenants"), "no tenant written");
        assertEquals(auditBefore, Sql.count(db, "SELECT count(*) FROM audit_events"), "no audit event written");
    }

    private static ValidatableResponse postTenant(String body) {
        return as(Tokens.platformAdmin()).body(body).post("/v1/tenants").then();
    }

    private static void isProblem(ValidatableResponse response, int status, String code, String field) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("requestId", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
        if (field != null) {
            response.body("field", equalTo(field));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated object           | {\"name\": \"x\"              | MALFORMED_JSON     |",
            "not json                   | name=x                        | MALFORMED_JSON     |",
            "trailing garbage           | {\"name\": \"x\"} {}          | MALFORMED_JSON     |",
            "array instead of object    | [\"x\"]                       | MALFORMED_JSON     |",
            "duplicate key              | {\"name\": \"a\", \"name\": \"b\"} | MALFORMED_JSON |",
            "unknown field              | {\"name\": \"x\", \"plan\": \"gold\"} | UNKNOWN_FIELD | plan",
            "number for a string        | {\"name\": 42}                | INVALID_FIELD_TYPE | name",
            "boolean for a string       | {\"name\": true}              | INVALID_FIELD_TYPE | name",
            "object for a string        | {\"name\": {\"a\": 1}}        | INVALID_FIELD_TYPE | name",
            "missing name               | {\"externalRef\": \"r\"}      | VALIDATION_FAILED  | name",
            "null name                  | {\"name\": null}              | VALIDATION_FAILED  | name",
            "empty name                 | {\"name\": \"\"}              | VALIDATION_FAILED  | name",
            "blank name                 | {\"name\": \"   \"}           | VALIDATION_FAILED  | name",
            "name with leading space    | {\"name\": \" Acme\"}         | VALIDATION_FAILED  | name",
            "name with control char     | {\"name\": \"A\\u0000B\"}     | VALIDATION_FAILED  | name",
            "empty externalRef          | {\"name\": \"x\", \"externalRef\": \"\"} | VALIDATION_FAILED | externalRef",
            "externalRef with space     | {\"name\": \"x\", \"externalRef\": \"a b\"} | VALIDATION_FAILED | externalRef",
    })
    void createTenant_refusesMalformedBodies(String description, String body, String code, String field) {
        isProblem(postTenant(body), 400, code, field == null || field.isBlank() ? null : field.trim());
    }

    @Test
    void createTenant_refusesAnEmptyBody() {
        isProblem(as(Tokens.platformAdmin()).post("/v1/tenants").then(), 400, "BODY_REQUIRED", null);
    }

    @Test
    void createTenant_refusesOversizeName() {
        isProblem(postTenant("{\"name\": \"" + "n".repeat(201) + "\"}"), 400, "VALIDATION_FAILED", "name");
    }

    @Test
    void createTenant_acceptsNameOfExactly200Characters() {
        String name = unique("Boundary");
        name = name + "x".repeat(200 - name.length());
        as(Tokens.platformAdmin()).body("{\"name\": \"" + name + "\"}").post("/v1/tenants").then().statusCode(201);
        tenantsBefore++;
        auditBefore += 2; // tenant.create and policy.create (its default policy)
    }

    @Test
    void createTenant_refusesOversizeBody() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        isProblem(postTenant(huge), 413, "BODY_TOO_LARGE", null);
    }

    @Test
    void createTenant_refusesNonJsonContentType() {
        isProblem(as(Tokens.platformAdmin()).contentType("text/plain").body("name=x").post("/v1/tenants").then(),
                415, "UNSUPPORTED_MEDIA_TYPE", null);
    }

    @Test
    void patchTenant_refusesUnknownStatus() {
        UUID id = createTenant(unique("Status"));
        tenantsBefore++;
        auditBefore += 2; // tenant.create and policy.create (its default policy)
        isProblem(as(Tokens.platformAdmin()).body("{\"status\": \"DELETED\"}").patch("/v1/tenants/" + id).then(),
                400, "VALIDATION_FAILED", "status");
        isProblem(as(Tokens.platformAdmin()).body("{\"status\": 1}").patch("/v1/tenants/" + id).then(),
                400, "INVALID_FIELD_TYPE", "status");
        isProblem(as(Tokens.platformAdmin()).body("{\"name\": null, \"status\": \"suspended\"}").patch("/v1/tenants/" + id).then(),
                400, "VALIDATION_FAILED", "status");
        isProblem(as(Tokens.platformAdmin()).body("{\"id\": \"" + UUID.randomUUID() + "\"}").patch("/v1/tenants/" + id).then(),
                400, "UNKNOWN_FIELD", "id");
    }

    @ParameterizedTest
    @CsvSource({"not-a-uuid", "1-1-1-1-1", "00000000000000000000000000000000", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
            "00000000-0000-0000-0000-0000000000000"})
    void tenantPaths_refuseInvalidIds(String id) {
        isProblem(as(Tokens.platformAdmin()).get("/v1/tenants/" + id).then(), 400, "INVALID_ID", "tenantId");
    }

    @ParameterizedTest
    @CsvSource({"garbage!", "AAAA", "AQAAAAAAAAAAAAAAAAAAAAAA", "AgAAAAAAAAAAAAAAAAAAAAAA"})
    void listing_refusesInvalidCursors(String cursor) {
        isProblem(as(Tokens.platformAdmin()).queryParam("cursor", cursor).get("/v1/tenants").then(),
                400, "INVALID_CURSOR", "cursor");
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "201", "ten", "1.5", "99999999999"})
    void listing_refusesInvalidLimits(String limit) {
        isProblem(as(Tokens.platformAdmin()).queryParam("limit", limit).get("/v1/tenants").then(),
                400, "INVALID_QUERY_PARAMETER", "limit");
    }

    @Test
    void unknownRoute_is404Problem() {
        isProblem(as(Tokens.platformAdmin()).get("/v1/nothing-here").then(), 404, "NOT_FOUND", null);
        isProblem(as(Tokens.platformAdmin()).get("/nothing").then(), 404, "NOT_FOUND", null);
    }

    @Test
    void unsupportedMethod_is405Problem() {
        isProblem(as(Tokens.platformAdmin()).delete("/v1/tenants").then(), 405, "METHOD_NOT_ALLOWED", null);
    }

    @Test
    void requestId_isEchoed_andPutInProblems() {
        as(Tokens.platformAdmin()).header("X-Request-Id", "abc-123").get("/v1/tenants/nope")
                .then().statusCode(400).header("X-Request-Id", "abc-123").body("requestId", equalTo("abc-123"));
    }
}
