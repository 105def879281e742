package io.custody.api.auth;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.api.support.Repo;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The README tells users to mint tokens with scripts/dev-token: those tokens must work. */
@QuarkusTest
class DevTokenScriptTest {

    @Test
    void devTokenScript_mintsTokensTheServiceAccepts() throws Exception {
        as(run("platform-admin")).get("/v1/tenants").then().statusCode(200);

        UUID tenant = createTenant(unique("Script"));
        as(run("auditor", tenant.toString())).get("/v1/tenants/" + tenant)
                .then().statusCode(200).body("id", equalTo(tenant.toString()));
    }

    @Test
    void devTokenScript_refusesATenantRoleWithoutTenant() throws Exception {
        Process process = new ProcessBuilder(Repo.path("scripts/dev-token").toString(), "signer").start();
        assertEquals(2, process.waitFor());
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Repo.path("scripts/dev-token").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, process.waitFor());
        return token;
    }
}
