package io.custody.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The custody-api endpoints the benchmark calls, each with the token of the role it needs. */
final class CustodyClient {

    /** Long enough for a tenant creation (a KMS round trip in the enclave) on a loaded machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An account batch as GET .../account-batches/{id} shows it. */
    record Batch(String id, String status, int requested, int created, Instant createdAt, Instant completedAt,
            String failure) {

        boolean finished() {
            return status.equals("COMPLETED") || status.equals("FAILED");
        }
    }

    private final HttpClient http;
    private final String base;
    private final DevTokens tokens;

    CustodyClient(HttpClient http, URI base, DevTokens tokens) {
        this.http = http;
        this.base = base.toString().replaceAll("/+$", "");
        this.tokens = tokens;
    }

    /** Creates a tenant (its first data key is made through KMS) and returns its id. */
    String createTenant(String name) {
        String body = JSON.createObjectNode().put("name", name).toString();
        return json(send(post("/v1/tenants", tokens.platformAdmin(), body), 201)).path("id").asText();
    }

    Batch submitBatch(String tenantId, int count) {
        String body = JSON.createObjectNode().put("count", count).toString();
        return batch(json(send(post(batchesPath(tenantId), tokens.forTenant("tenant-admin", tenantId), body), 202)));
    }

    Batch batch(String tenantId, String batchId) {
        HttpRequest request = HttpRequest.newBuilder(uri(batchesPath(tenantId) + "/" + batchId))
                .header("Authorization", tokens.forTenant("tenant-admin", tenantId))
                .header("Accept", JSON_TYPE).timeout(TIMEOUT).GET().build();
        return batch(json(send(request, 200)));
    }

    /**
     * Streams the batch's accounts as NDJSON, hands each line to {@code line} as it arrives (never
     * holding the listing in memory) and returns the number of lines.
     */
    long addresses(String tenantId, String batchId, Consumer<String> line) {
        return lines(batchesPath(tenantId) + "/" + batchId + "/addresses", tokens.forTenant("tenant-admin", tenantId),
                line);
    }

    /** Writes a new version of the tenant's policy, as its admin. */
    void putPolicy(String tenantId, String document) {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/tenants/" + tenantId + "/policy"))
                .header("Authorization", tokens.forTenant("tenant-admin", tenantId))
                .header("Content-Type", JSON_TYPE).header("Accept", JSON_TYPE).timeout(TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofString(document)).build();
        send(request, 200);
    }

    /** One page of the tenant's audit events, as its auditor ({@code query} without the leading ?). */
    JsonNode auditPage(String tenantId, String query) {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/tenants/" + tenantId + "/audit-events?" + query))
                .header("Authorization", tokens.forTenant("auditor", tenantId))
                .header("Accept", JSON_TYPE).timeout(TIMEOUT).GET().build();
        return json(send(request, 200));
    }

    /** Streams the tenant's audit events matching {@code query} as NDJSON, as its auditor. */
    long auditExport(String tenantId, String query, Consumer<String> line) {
        return lines("/v1/tenants/" + tenantId + "/audit-events?" + query, tokens.forTenant("auditor", tenantId), line);
    }

    private long lines(String path, String authorization, Consumer<String> line) {
        // No request timeout: it would bound the whole download, and a million lines take a while.
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", authorization)
                .header("Accept", "application/x-ndjson").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8), 64 * 1024)) {
                if (response.statusCode() != 200) {
                    throw unexpected(request, response.statusCode(), reader.lines().collect(Collectors.joining("\n")));
                }
                long lines = 0;
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    line.accept(text);
                    lines++;
                }
                return lines;
            }
        } catch (IOException e) {
            throw new BenchException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    /**
     * Sends one signing request as the tenant's signer and returns the response whatever its
     * status: the signing benchmark counts errors instead of stopping at the first.
     */
    HttpResponse<String> sign(String tenantId, String accountId, String body) throws IOException, InterruptedException {
        HttpRequest request = post("/v1/tenants/" + tenantId + "/accounts/" + accountId + "/signatures",
                tokens.forTenant("signer", tenantId), body);
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BenchException("not JSON: " + text, e);
        }
    }

    private HttpRequest post(String path, String authorization, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", authorization)
                .header("Content-Type", JSON_TYPE)
                .header("Accept", JSON_TYPE)
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw unexpected(request, response.statusCode(), response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new BenchException(request.method() + " " + request.uri() + " failed (is custody-api running?): "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    private static BenchException unexpected(HttpRequest request, int status, String body) {
        return new BenchException(request.method() + " " + request.uri().getPath() + " answered " + status + ": " + body);
    }

    private static Batch batch(JsonNode node) {
        JsonNode failure = node.path("failure");
        return new Batch(node.path("id").asText(), node.path("status").asText(), node.path("requested").asInt(),
                node.path("created").asInt(), instant(node.path("createdAt")), instant(node.path("completedAt")),
                failure.isMissingNode() ? null
                        : failure.path("code").asText() + ": " + failure.path("detail").asText());
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.textValue()) : null;
    }

    private static String batchesPath(String tenantId) {
        return "/v1/tenants/" + tenantId + "/account-batches";
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
