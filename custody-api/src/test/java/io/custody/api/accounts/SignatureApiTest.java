package io.custody.api.accounts;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.createTenant;
import static io.custody.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.dev.LocalAwsLauncher;
import io.custody.api.keystore.Shard;
import io.custody.api.keystore.ShardEntry;
import io.custody.api.keystore.ShardFormat;
import io.custody.api.support.EcRecover;
import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Signing through the API, the real signer process and the emulated key store. */
@QuarkusTest
class SignatureApiTest {
    private static final String TO = "0x3535353535353535353535353535353535353535";
    private final DataSource db = TestDb.get();

    @Inject
    SecretsManagerClient secrets;

    @Inject
    LocalAwsLauncher aws;

    private record Fixture(UUID tenant, String accountId, byte[] address, String token) {
    }

    private static Fixture account() {
        UUID tenant = createTenant(unique("Signing"));
        Response created = as(Tokens.forTenant("tenant-admin", tenant)).body(Map.of()).post("/v1/tenants/" + tenant + "/accounts");
        created.then().statusCode(201);
        String address = created.path("address");
        return new Fixture(tenant, created.path("id"), HexFormat.of().parseHex(address.substring(2)),
                Tokens.forTenant("signer", tenant));
    }

    private static Response sign(Fixture f, String body) {
        return as(f.token()).body(body).post("/v1/tenants/" + f.tenant() + "/accounts/" + f.accountId() + "/signatures");
    }

    private static byte[] hex(String value) {
        return HexFormat.of().parseHex(value.substring(2));
    }

    @Test
    void eip1559Transaction_isSigned_auditedAndReadyToBroadcast() {
        Fixture f = account();
        Response response = sign(f, """
                {"type": "eip1559_transaction", "transaction": {"chainId": "1", "nonce": "0", "to": "%s",
                 "value": "1000000000000000000", "gasLimit": "21000", "maxFeePerGas": "0x6fc23ac00",
                 "maxPriorityFeePerGas": "1000000000"}}""".formatted(TO));
        response.then().statusCode(200).body("type", equalTo("eip1559_transaction"))
                .body("signedTransaction", startsWith("0x02"));
        byte[] raw = hex(response.path("signedTransaction"));
        assertArrayEquals(EcRecover.keccak(raw), hex(response.path("transactionHash")));
        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'signature.create'
                  AND resource_id = ? AND details ->> 'type' = 'eip1559_transaction' AND details ->> 'chainId' = '1'
                  AND details ->> 'transactionHash' = ? AND actor = 'user-signer' AND outcome = 'SUCCESS'
                  AND request_id = ?""", f.tenant(), f.accountId(), response.<String>path("transactionHash"),
                response.header("X-Request-Id")));
    }

    @Test
    void everyPayloadType_isSignedByTheAccountsKey() {
        Fixture f = account();
        String message = "Sign in to Custody";
        Response personal = sign(f, "{\"type\": \"eip191_message\", \"message\": \"" + message + "\"}");
        personal.then().statusCode(200);
        byte[] prefixed = ("\u0019Ethereum Signed Message:\n" + message.length() + message).getBytes(StandardCharsets.UTF_8);
        byte[] hash = EcRecover.keccak(prefixed);
        assertArrayEquals(hash, hex(personal.path("messageHash")));
        assertArrayEquals(f.address(), EcRecover.address(hash, hex(personal.path("signature.r")),
                hex(personal.path("signature.s")), personal.<Integer>path("signature.yParity")));

        Response typed = sign(f, """
                {"type": "eip712_typed_data", "typedData": {
                  "types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}],
                            "Mail": [{"name": "from", "type": "string"}, {"name": "contents", "type": "string"}]},
                  "primaryType": "Mail", "domain": {"name": "Ether Mail", "chainId": 1},
                  "message": {"from": "Cow", "contents": "Hello, Bob!"}}}""");
        typed.then().statusCode(200);
        assertArrayEquals(f.address(), EcRecover.address(hex(typed.path("messageHash")), hex(typed.path("signature.r")),
                hex(typed.path("signature.s")), typed.<Integer>path("signature.yParity")));

        sign(f, """
                {"type": "legacy_transaction", "transaction": {"chainId": "5", "nonce": "1", "to": "%s", "value": "0",
                 "gasLimit": "21000", "gasPrice": "20000000000"}}""".formatted(TO)).then().statusCode(200);
        sign(f, """
                {"type": "eip2930_transaction", "transaction": {"chainId": "1", "nonce": "2", "to": "%s", "value": "0",
                 "gasLimit": "30000", "gasPrice": "20000000000",
                 "accessList": [{"address": "%s", "storageKeys": ["0x%s"]}]}}""".formatted(TO, TO, "00".repeat(32)))
                .then().statusCode(200).body("signedTransaction", startsWith("0x01"));
    }

    @Test
    void anAccountCanBeNamedByItsAddress() {
        Fixture f = account();
        String address = "0x" + HexFormat.of().formatHex(f.address());
        as(f.token()).body("{\"type\": \"eip191_message\", \"messageHex\": \"0x01\"}")
                .post("/v1/tenants/" + f.tenant() + "/accounts/" + address + "/signatures").then().statusCode(200);
    }

    @Test
    void badRequests_areRefused_andNothingIsSignedOrAudited() {
        Fixture f = account();
        long audited = Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'signature.create'", f.tenant());
        sign(f, "{\"type\": \"eip4844_transaction\"}").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("UNKNOWN_SIGNATURE_TYPE"));
        sign(f, """
                {"type": "legacy_transaction", "transaction": {"nonce": "1", "to": "%s", "value": "0",
                 "gasLimit": "21000", "gasPrice": "1"}}""".formatted(TO)).then().statusCode(400)
                .body("code", equalTo("CHAIN_ID_REQUIRED"));
        sign(f, "{\"type\": \"eip191_message\", \"messageHex\": \"0xzz\"}").then().statusCode(400)
                .body("code", equalTo("INVALID_HEX")).body("field", equalTo("messageHex"));
        sign(f, "{\"type\": \"eip191_message\", \"message\": \"x\", \"extra\": 1}").then().statusCode(400);
        sign(f, "{\"type\": \"eip191_message\", \"message\": \"x\", \"message\": \"y\"}").then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"));
        as(f.token()).body("{\"type\": \"eip191_message\", \"message\": \"x\"}")
                .post("/v1/tenants/" + f.tenant() + "/accounts/" + UUID.randomUUID() + "/signatures")
                .then().statusCode(404).body("code", equalTo("ACCOUNT_NOT_FOUND"));
        assertEquals(audited, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'signature.create'", f.tenant()));
    }

    @Test
    void anotherTenantsAccount_cannotBeUsed_andAuditorsCannotSign() {
        Fixture a = account();
        Fixture b = account();
        String body = "{\"type\": \"eip191_message\", \"message\": \"x\"}";
        as(a.token()).body(body).post("/v1/tenants/" + a.tenant() + "/accounts/" + b.accountId() + "/signatures")
                .then().statusCode(404).body("code", equalTo("ACCOUNT_NOT_FOUND"));
        as(a.token()).body(body).post("/v1/tenants/" + b.tenant() + "/accounts/" + b.accountId() + "/signatures")
                .then().statusCode(404).body("code", equalTo("TENANT_NOT_FOUND"));
        as(Tokens.forTenant("auditor", a.tenant())).body(body)
                .post("/v1/tenants/" + a.tenant() + "/accounts/" + a.accountId() + "/signatures")
                .then().statusCode(403);
    }

    @Test
    void suspendedTenant_cannotSign() {
        Fixture f = account();
        as(Tokens.platformAdmin()).body(Map.of("status", "SUSPENDED")).patch("/v1/tenants/" + f.tenant()).then().statusCode(200);
        sign(f, "{\"type\": \"eip191_message\", \"message\": \"x\"}").then().statusCode(409)
                .body("code", equalTo("TENANT_SUSPENDED"));
    }

    @Test
    void aTamperedWrappedKeyInItsShard_failsToUnwrap_andNothingIsSigned() throws Exception {
        Fixture f = account();
        String secretArn;
        try (var c = TestDb.get().getConnection(); var st = c.prepareStatement(
                "SELECT s.secret_arn FROM key_shards s JOIN accounts a ON a.shard_id = s.id WHERE a.id = ?::uuid")) {
            st.setString(1, f.accountId());
            try (var rs = st.executeQuery()) {
                rs.next();
                secretArn = rs.getString(1);
            }
        }
        String arn = secretArn;
        Shard shard = ShardFormat.decode(secrets.getSecretValue(r -> r.secretId(arn)).secretBinary().asByteArray());
        byte[] wrapped = shard.entries().getFirst().wrappedKey();
        wrapped[wrapped.length - 1] ^= 0x01;
        Shard tampered = new Shard(shard.tenantId(), shard.shardId(), shard.dekVersion(), shard.curve(),
                List.of(new ShardEntry(shard.entries().getFirst().accountId(), wrapped)));
        secrets.putSecretValue(r -> r.secretId(arn).secretBinary(SdkBytes.fromByteArray(ShardFormat.encode(tampered))));

        sign(f, "{\"type\": \"eip191_message\", \"message\": \"x\"}").then().statusCode(500)
                .contentType("application/problem+json").body("code", equalTo("KEY_INTEGRITY_FAILURE"));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action = 'signature.create'", f.tenant()));
        assertTrue(aws.emulator().metrics().getOrDefault("secretsmanager.GetSecretValue", 0L) > 0);
    }
}
