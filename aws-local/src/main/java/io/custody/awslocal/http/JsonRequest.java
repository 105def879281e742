package io.custody.awslocal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Typed, validating access to an AWS JSON 1.1 request body. Wrong JSON types and bad base64
 * become {@code SerializationException}; missing required members and range violations become
 * {@code ValidationException}. Error messages name the member, never its value.
 */
public final class JsonRequest {

    private final JsonNode body;

    public JsonRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ProtocolException(ProtocolError.SERIALIZATION, "the request body must be a JSON object");
        }
        this.body = body;
    }

    public boolean has(String field) {
        JsonNode node = body.get(field);
        return node != null && !node.isNull();
    }

    public Optional<String> string(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw typeError(field, "a string");
        }
        return Optional.of(node.textValue());
    }

    public String requiredString(String field) {
        return string(field).orElseThrow(() -> missing(field));
    }

    public Optional<Integer> integer(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw typeError(field, "an integer");
        }
        return Optional.of(node.intValue());
    }

    public Optional<Integer> integer(String field, int min, int max) {
        Optional<Integer> value = integer(field);
        value.ifPresent(v -> {
            if (v < min) {
                throw ProtocolException.validation(lowerFirst(field), "have value greater than or equal to " + min);
            }
            if (v > max) {
                throw ProtocolException.validation(lowerFirst(field), "have value less than or equal to " + max);
            }
        });
        return value;
    }

    public boolean bool(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw typeError(field, "a boolean");
        }
        return node.booleanValue();
    }

    public Optional<byte[]> blob(String field) {
        return string(field).map(text -> {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ProtocolError.SERIALIZATION, "'" + field + "' is not valid base64");
            }
        });
    }

    public byte[] requiredBlob(String field) {
        return blob(field).orElseThrow(() -> missing(field));
    }

    /** A string-to-string map, sorted by key; empty when absent. */
    public Map<String, String> stringMap(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Collections.emptySortedMap();
        }
        if (!node.isObject()) {
            throw typeError(field, "an object of strings");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw typeError(field, "an object of strings");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return Collections.unmodifiableSortedMap(map);
    }

    public List<String> stringList(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw typeError(field, "a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw typeError(field, "a list of strings");
            }
            values.add(element.textValue());
        }
        return List.copyOf(values);
    }

    /** A list of JSON objects (e.g. tags, filters), each wrapped for typed access. */
    public List<JsonRequest> objectList(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw typeError(field, "a list of objects");
        }
        List<JsonRequest> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isObject()) {
                throw typeError(field, "a list of objects");
            }
            values.add(new JsonRequest(element));
        }
        return List.copyOf(values);
    }

    public Optional<JsonRequest> object(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw typeError(field, "an object");
        }
        return Optional.of(new JsonRequest(node));
    }

    private static ProtocolException typeError(String field, String expected) {
        return new ProtocolException(ProtocolError.SERIALIZATION, "'" + field + "' must be " + expected);
    }

    private static ProtocolException missing(String field) {
        return new ProtocolException(ProtocolError.VALIDATION, "1 validation error detected: Value null at '"
                + lowerFirst(field) + "' failed to satisfy constraint: Member must not be null");
    }

    static String lowerFirst(String field) {
        return field.isEmpty() ? field : Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }
}
