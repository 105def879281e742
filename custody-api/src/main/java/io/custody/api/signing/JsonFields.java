package io.custody.api.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.api.error.ErrorCode;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a signing request, with the path that names it in errors. Absent and
 * {@code null} read the same for optional fields; a required field that is absent or null is
 * refused with VALIDATION_FAILED.
 */
final class JsonFields {
    /** Longest member name quoted in a path: a path is an error locator, not an echo of the input. */
    private static final int MAX_NAME_IN_PATH = 64;

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** {@code node} as an object; INVALID_FIELD_TYPE when it is another JSON type. */
    static JsonFields object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw ErrorCode.INVALID_FIELD_TYPE.at(path, path + " must be a JSON object.");
        }
        return new JsonFields(node, path);
    }

    /**
     * Refuses every member outside {@code allowed}: FIELD_NOT_ALLOWED when the name is one of
     * {@code known} (it belongs to another type), UNKNOWN_FIELD otherwise. Presence counts, not the
     * value: {@code "gasPrice": null} on an EIP-1559 transaction is refused too.
     */
    JsonFields allowOnly(Set<String> allowed, Set<String> known, String kind) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String name = member.getKey();
            if (allowed.contains(name)) {
                continue;
            }
            String field = child(path, name);
            if (known.contains(name)) {
                throw ErrorCode.FIELD_NOT_ALLOWED.at(field, field + " is not allowed for " + kind + ".");
            }
            throw ErrorCode.UNKNOWN_FIELD.at(field, "Unknown field " + field + ".");
        }
        return this;
    }

    /** The member, or null when it is absent or JSON null. */
    JsonNode optional(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** The member; VALIDATION_FAILED when it is absent or null. */
    JsonNode required(String name) {
        JsonNode value = optional(name);
        if (value == null) {
            String field = path(name);
            throw ErrorCode.VALIDATION_FAILED.at(field, field + " is required.");
        }
        return value;
    }

    /** The member as a JSON string; INVALID_FIELD_TYPE for any other JSON type. */
    String requiredText(String name) {
        return text(required(name), path(name));
    }

    Iterable<Map.Entry<String, JsonNode>> members() {
        return node.properties();
    }

    String path() {
        return path;
    }

    /** The path of member {@code name} of this object. */
    String path(String name) {
        return child(path, name);
    }

    static String text(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw ErrorCode.INVALID_FIELD_TYPE.at(path, path + " must be a string.");
        }
        return value.textValue();
    }

    /** {@code parent.name}, with an over-long name cut so that a path never carries much input. */
    static String child(String parent, String name) {
        String shown = name;
        if (name.length() > MAX_NAME_IN_PATH) {
            // Never cut a surrogate pair in two: the path goes back to the client as JSON text.
            int end = Character.isHighSurrogate(name.charAt(MAX_NAME_IN_PATH - 1)) ? MAX_NAME_IN_PATH - 1 : MAX_NAME_IN_PATH;
            shown = name.substring(0, end) + "...";
        }
        return parent == null || parent.isEmpty() ? shown : parent + "." + shown;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
