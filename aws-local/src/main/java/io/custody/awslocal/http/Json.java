package io.custody.awslocal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/** The one Jackson mapper and the AWS JSON 1.1 encodings (base64 blobs, epoch-second timestamps). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static ArrayNode strings(Collection<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    public static ObjectNode stringMap(Map<String, String> map) {
        ObjectNode node = object();
        map.forEach(node::put);
        return node;
    }

    /** AWS JSON timestamps are epoch seconds as a JSON number, with millisecond precision here. */
    public static void putTimestamp(ObjectNode node, String field, long epochMillis) {
        node.put(field, BigDecimal.valueOf(epochMillis, 3));
    }

    /** Blobs travel as standard base64 strings. */
    public static void putBlob(ObjectNode node, String field, byte[] bytes) {
        node.put(field, Base64.getEncoder().encodeToString(bytes));
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }
}
