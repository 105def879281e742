package io.custody.awslocal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/** Reading request bodies and writing AWS JSON responses on a JDK {@link HttpExchange}. */
final class Exchanges {

    static final String AMZ_JSON = "application/x-amz-json-1.1";
    /** KMS blobs are at most a few KiB and secrets 64 KiB (base64: ~88 KiB); leave generous room. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private Exchanges() {
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ProtocolException(ProtocolError.REQUEST_TOO_LARGE,
                        "the request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendError(HttpExchange exchange, AwsService service, WireError error) throws IOException {
        String messageField = service != null ? service.errorMessageField() : "message";
        var body = Json.object();
        body.put("__type", error.type());
        body.put(messageField, error.message());
        send(exchange, error.status(), AMZ_JSON, body);
    }
}
