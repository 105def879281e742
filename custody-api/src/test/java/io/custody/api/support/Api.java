package io.custody.api.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Request helpers shared by the API tests. */
public final class Api {
    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Creates a tenant as platform-admin and returns its id. */
    public static UUID createTenant(String name) {
        String id = as(Tokens.platformAdmin())
                .body(Map.of("name", name))
                .post("/v1/tenants")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    /** A name no earlier run used: tests share one database across runs. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }
}
