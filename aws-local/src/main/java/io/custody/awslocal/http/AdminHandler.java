package io.custody.awslocal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * Emulator-only endpoints under {@code /_emulator/}; they are not AWS APIs and are not counted.
 * <ul>
 *   <li>{@code GET /_emulator/health}</li>
 *   <li>{@code GET /_emulator/metrics}, {@code POST /_emulator/metrics/reset}</li>
 *   <li>{@code GET|POST|DELETE /_emulator/faults}, {@code POST /_emulator/faults/reset}</li>
 * </ul>
 */
final class AdminHandler implements HttpHandler {

    private static final String JSON = "application/json";

    private final Metrics metrics;
    private final FaultInjector faults;

    AdminHandler(Metrics metrics, FaultInjector faults) {
        this.metrics = metrics;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            try {
                switch (route) {
                    case "GET /_emulator/health" -> send(exchange, 200, health());
                    case "GET /_emulator/metrics" -> send(exchange, 200, metrics());
                    case "POST /_emulator/metrics/reset" -> {
                        metrics.reset();
                        send(exchange, 200, Json.object());
                    }
                    case "GET /_emulator/faults" -> send(exchange, 200, faultList());
                    case "POST /_emulator/faults" -> {
                        faults.add(parseRule(Json.read(Exchanges.readBody(exchange))));
                        send(exchange, 200, faultList());
                    }
                    case "DELETE /_emulator/faults", "POST /_emulator/faults/reset" -> {
                        faults.clear();
                        send(exchange, 200, faultList());
                    }
                    default -> send(exchange, 404, message("no such emulator endpoint: " + route));
                }
            } catch (IllegalArgumentException | IOException | ProtocolException e) {
                send(exchange, 400, message(e.getMessage()));
            }
        }
    }

    private static ObjectNode health() {
        ObjectNode node = Json.object();
        node.put("status", "UP");
        return node;
    }

    private ObjectNode metrics() {
        ObjectNode node = Json.object();
        metrics.snapshot().forEach(node::put);
        return node;
    }

    private ObjectNode faultList() {
        ObjectNode node = Json.object();
        var list = node.putArray("faults");
        for (FaultRule rule : faults.rules()) {
            ObjectNode item = list.addObject();
            item.put("operation", rule.operation());
            item.put("latencyMs", rule.latencyMs());
            item.put("errorRate", rule.errorRate());
            item.put("errorType", rule.errorType());
            item.put("httpStatus", rule.httpStatus());
            item.put("count", rule.maxFaults());
        }
        return node;
    }

    /** {@code {"operation": "kms.Decrypt", "latencyMs": 0, "errorRate": 1.0, "errorType": "ThrottlingException", "httpStatus": 0, "count": 0}} */
    static FaultRule parseRule(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("operation").isTextual()) {
            throw new IllegalArgumentException("a fault needs at least {\"operation\": \"kms.Decrypt\"}");
        }
        JsonNode errorType = node.get("errorType");
        return new FaultRule(node.get("operation").textValue(),
                node.path("latencyMs").asLong(0),
                node.path("errorRate").asDouble(errorType != null && errorType.isTextual() ? 1.0 : 0.0),
                errorType != null && errorType.isTextual() ? errorType.textValue() : null,
                node.path("httpStatus").asInt(0),
                node.path("count").asInt(0));
    }

    private static ObjectNode message(String text) {
        ObjectNode node = Json.object();
        node.put("message", text);
        return node;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        Exchanges.send(exchange, status, JSON, body);
    }
}
