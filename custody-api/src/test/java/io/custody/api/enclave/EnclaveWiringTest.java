package io.custody.api.enclave;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.dev.DevSettings;
import io.custody.api.dev.EnclaveArtifact;
import io.custody.api.dev.EnclaveLauncher;
import io.custody.api.dev.LocalAwsLauncher;
import io.custody.api.support.Repo;
import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.custody.attestation.AttestationDocument;
import io.custody.attestation.AttestationVerifier;
import io.custody.attestation.Expectations;
import io.custody.attestation.simulated.SimulatedRoot;
import io.custody.awslocal.http.FaultRule;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** custody-api with the real signer process: tenant keys, attestation, and failures of the key path. */
@QuarkusTest
class EnclaveWiringTest {
    private final DataSource db = TestDb.get();

    @Inject
    EnclaveLauncher enclave;

    @Inject
    LocalAwsLauncher aws;

    @Inject
    DevSettings dev;

    @Test
    void creatingATenant_storesItsFirstDataKey_asKmsCiphertextOnly() {
        String id = as(Tokens.platformAdmin()).body(Map.of("name", unique("Keyed"))).post("/v1/tenants")
                .then().statusCode(201).extract().path("id");

        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM tenant_data_keys WHERE tenant_id = ?::uuid AND version = 1 AND status = 'ACTIVE'
                  AND kms_key_id LIKE 'arn:aws:kms:us-east-1:111122223333:key/%' AND octet_length(ciphertext) > 32""", id));
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id = ?::uuid AND action = 'tenant.create'
                  AND details ->> 'dekVersion' = '1' AND details ->> 'kmsKeyId' LIKE 'arn:aws:kms:%'""", id));
    }

    @Test
    void attestation_carriesTheNonce_andNamesTheSignerImage() throws Exception {
        byte[] nonce = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        Response response = as(Tokens.platformAdmin()).queryParam("nonce", HexFormat.of().formatHex(nonce))
                .get("/v1/attestation");
        response.then().statusCode(200).body("nonce", equalTo(HexFormat.of().formatHex(nonce)));

        byte[] document = Base64.getDecoder().decode(response.<String>path("document"));
        AttestationDocument verified = AttestationVerifier.pinnedTo(SimulatedRoot.loadCertificate(dev.nsmRootDir()))
                .verify(document, Instant.now(), Expectations.none().withNonce(nonce));
        byte[] jarPcr0 = EnclaveArtifact.pcr0(Repo.path("enclave-signer/target/enclave-signer.jar"));
        assertArrayEquals(jarPcr0, verified.pcr(0).orElseThrow(), "PCR0 is the SHA-384 of the signer jar");
        assertEquals(HexFormat.of().formatHex(jarPcr0), response.path("pcrs.0"));
        assertEquals(enclave.pcr0(), HexFormat.of().formatHex(jarPcr0));
    }

    @Test
    void attestation_isOpenToEveryRole_butNotToAnonymousCallers() {
        String query = "/v1/attestation?nonce=01";
        as(Tokens.forTenant("signer", UUID.randomUUID())).get(query).then().statusCode(200);
        given().get(query).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zz", "abc", "0x", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
            + "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00"})
    void attestation_refusesMalformedNonces(String nonce) {
        as(Tokens.platformAdmin()).queryParam("nonce", nonce).get("/v1/attestation")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_QUERY_PARAMETER")).body("field", equalTo("nonce"));
    }

    @Test
    void whenKmsRefusesTheDataKey_noTenantIsCreated() {
        String name = unique("No key");
        long audit = Sql.count(db, "SELECT count(*) FROM audit_events");
        aws.emulator().faults().add(FaultRule.error("kms.GenerateDataKey", "KMSInternalException").times(10));
        try {
            as(Tokens.platformAdmin()).body(Map.of("name", name)).post("/v1/tenants")
                    .then().statusCode(502).contentType("application/problem+json")
                    .body("code", equalTo("KEY_SERVICE_FAILURE"));
        } finally {
            aws.emulator().faults().clear();
        }
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM tenants WHERE name = ?", name));
        assertEquals(audit, Sql.count(db, "SELECT count(*) FROM audit_events"));
        assertTrue(enclave.isLaunched());
    }
}
