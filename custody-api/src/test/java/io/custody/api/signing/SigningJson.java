package io.custody.api.signing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import java.util.HexFormat;

/** Test helpers: a reader as strict as custody-api's, and assertions on refusals. */
final class SigningJson {
    /** Like {@code io.custody.api.http.StrictJson}: duplicate keys and trailing content refused. */
    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private SigningJson() {
    }

    static JsonNode json(String text) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test JSON does not parse", e);
        }
    }

    static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    static SigningRequest parse(JsonNode body) {
        return SignatureRequestParser.parse(body);
    }

    static SigningRequest parse(String body) {
        return parse(json(body));
    }

    static ApiException refused(JsonNode body) {
        return assertThrows(ApiException.class, () -> SignatureRequestParser.parse(body));
    }

    /** Refused with this code, its status and this field; the detail names the field and is short. */
    static ApiException assertRefused(JsonNode body, ErrorCode code, String field) {
        ApiException e = refused(body);
        assertAll(
                () -> assertEquals(code, e.code(), "code; detail: " + e.detail()),
                () -> assertEquals(field, e.field(), "field; detail: " + e.detail()),
                () -> assertTrue(e.detail().length() < 300, "detail is short"));
        return e;
    }

    static ApiException assertRefused(String body, ErrorCode code, String field) {
        return assertRefused(json(body), code, field);
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.startsWith("0x") ? text.substring(2) : text);
    }

    /** "0x" and {@code bytes} bytes of 0xab. */
    static String hexOfLength(int bytes) {
        return "0x" + "ab".repeat(bytes);
    }
}
