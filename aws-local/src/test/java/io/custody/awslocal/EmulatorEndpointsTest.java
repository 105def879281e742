package io.custody.awslocal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.awslocal.http.FaultRule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The wire format of errors, request metrics and fault injection. */
class EmulatorEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAws aws;
    private static KmsClient kms;
    private static KmsClient kmsNoRetry;
    private static SecretsManagerClient sm;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalAws.builder().principal("AKIAMETRICS", "arn:aws:iam::111122223333:role/m").build().start();
        kms = Clients.kms(aws, "AKIAMETRICS");
        kmsNoRetry = Clients.kmsNoRetry(aws, "AKIAMETRICS");
        sm = Clients.secrets(aws, "AKIAMETRICS");
    }

    @AfterAll
    static void stop() {
        kms.close();
        kmsNoRetry.close();
        sm.close();
        aws.close();
    }

    @BeforeEach
    void reset() {
        aws.faults().clear();
        aws.resetMetrics();
    }

    private static HttpResponse<String> send(String method, String path, String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(aws.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-amz-json-1.1");
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void kmsErrors_carryTypeAndLowercaseMessage_withStatus400AndAmzJsonContentType() throws Exception {
        HttpResponse<String> response = send("POST", "/", "TrentService.DescribeKey",
                "{\"KeyId\":\"00000000-0000-0000-0000-000000000000\"}");
        assertEquals(400, response.statusCode());
        assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("NotFoundException", body.get("__type").asText());
        assertTrue(body.get("message").asText().contains("does not exist"));
    }

    @Test
    void secretsManagerErrors_useTheCapitalisedMessageMemberOfItsModel() throws Exception {
        JsonNode body = JSON.readTree(send("POST", "/", "secretsmanager.GetSecretValue", "{\"SecretId\":\"nope\"}").body());
        assertEquals("ResourceNotFoundException", body.get("__type").asText());
        assertEquals("Secrets Manager can't find the specified secret.", body.get("Message").asText());
    }

    @Test
    void protocolErrors_unknownTarget_malformedJson_andMissingRequiredMember() throws Exception {
        assertEquals("UnknownOperationException", JSON.readTree(send("POST", "/", "Nope.Op", "{}").body()).get("__type").asText());
        assertEquals("UnknownOperationException", JSON.readTree(send("POST", "/", "TrentService.Sign", "{}").body()).get("__type").asText());
        assertEquals("SerializationException", JSON.readTree(send("POST", "/", "TrentService.ListKeys", "{oops").body()).get("__type").asText());
        JsonNode missing = JSON.readTree(send("POST", "/", "TrentService.Encrypt", "{}").body());
        assertEquals("ValidationException", missing.get("__type").asText());
    }

    @Test
    void metrics_countEachOperation_andResetClearsThem() throws Exception {
        kms.generateRandom(r -> r.numberOfBytes(8));
        kms.generateRandom(r -> r.numberOfBytes(8));
        kms.listKeys();
        sm.listSecrets();

        JsonNode metrics = JSON.readTree(send("GET", "/_emulator/metrics", null, null).body());
        assertEquals(2, metrics.get("kms.GenerateRandom").asLong());
        assertEquals(1, metrics.get("kms.ListKeys").asLong());
        assertEquals(1, metrics.get("secretsmanager.ListSecrets").asLong());
        assertEquals(Long.valueOf(2), aws.metrics().get("kms.GenerateRandom"));

        assertEquals(200, send("POST", "/_emulator/metrics/reset", null, null).statusCode());
        assertTrue(aws.metrics().isEmpty());
    }

    @Test
    void faultInjectedOverHttp_failsTheOperationWithTheConfiguredErrorType_untilCleared() throws Exception {
        HttpResponse<String> added = send("POST", "/_emulator/faults", null,
                "{\"operation\": \"kms.GenerateRandom\", \"errorRate\": 1.0, \"errorType\": \"ThrottlingException\"}");
        assertEquals(200, added.statusCode());
        assertEquals(1, JSON.readTree(added.body()).get("faults").size());

        KmsException throttled = assertThrows(KmsException.class, () -> kmsNoRetry.generateRandom(r -> r.numberOfBytes(8)));
        assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        assertEquals(400, throttled.statusCode());
        kmsNoRetry.listKeys(); // other operations are unaffected

        assertEquals(200, send("DELETE", "/_emulator/faults", null, null).statusCode());
        assertEquals(8, kmsNoRetry.generateRandom(r -> r.numberOfBytes(8)).plaintext().asByteArray().length);
    }

    @Test
    void faultInjectedFromJava_withACount_failsOnlyThatManyCalls_andTheSdkRetryIsCounted() {
        aws.faults().add(FaultRule.error("kms.*", "KMSInternalException").times(1));
        // The SDK retries the 500 once and succeeds; the metrics see both calls.
        assertEquals(8, kms.generateRandom(r -> r.numberOfBytes(8)).plaintext().asByteArray().length);
        assertEquals(Long.valueOf(2), aws.metrics().get("kms.GenerateRandom"));
    }

    @Test
    void latencyFault_delaysMatchingCalls() {
        aws.faults().add(FaultRule.latency("secretsmanager.ListSecrets", 300));
        long start = System.nanoTime();
        sm.listSecrets();
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);
    }

    @Test
    void badFaultDefinitions_areRejectedWith400() throws Exception {
        assertEquals(400, send("POST", "/_emulator/faults", null, "{\"errorRate\": 1}").statusCode());
        assertEquals(400, send("POST", "/_emulator/faults", null,
                "{\"operation\": \"*\", \"errorRate\": 2, \"errorType\": \"X\"}").statusCode());
        assertEquals(404, send("GET", "/_emulator/nothing", null, null).statusCode());
        assertEquals("UP", JSON.readTree(send("GET", "/_emulator/health", null, null).body()).get("status").asText());
    }
}
