package io.custody.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API description are served without a token. */
@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void health_isUp_withTheDatabaseCheck() {
        given().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void openApi_describesTheTenantEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/tenants/{tenantId}"))
                .body(containsString("Idempotency-Key"));
    }

    @Test
    void metrics_areExposedForPrometheus() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void swaggerUi_isServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
