package io.custody.api.signing;

import static io.custody.api.signing.SigningJson.STRICT;
import static io.custody.api.signing.SigningJson.json;
import static io.custody.api.signing.SigningJson.parse;
import static io.custody.api.signing.TypedDataVectors.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.enclave.protocol.SignPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EIP-712 requests that are accepted, and the canonical JSON the enclave receives. */
class TypedDataRequestTest {

    private static String payloadJson(JsonNode body) {
        SigningRequest request = parse(body);
        assertEquals(SignatureType.EIP712_TYPED_DATA, request.type());
        assertNull(request.chainId());
        assertNull(request.to());
        assertNull(request.value());
        return ((SignPayload.TypedData) request.payload()).json();
    }

    @ParameterizedTest
    @ValueSource(strings = {TypedDataVectors.MAIL, TypedDataVectors.RANDOM_1, TypedDataVectors.RANDOM_2,
        TypedDataVectors.BOUNDARIES})
    void vectors_areAccepted_andTheirPayloadIsTheSameDocument(String typedData) throws Exception {
        String canonical = payloadJson(request(typedData));
        assertEquals(json(typedData), STRICT.readTree(canonical), "canonical JSON means the same document");
    }

    @ParameterizedTest
    @ValueSource(strings = {TypedDataVectors.MAIL, TypedDataVectors.RANDOM_1, TypedDataVectors.RANDOM_2,
        TypedDataVectors.BOUNDARIES})
    void payload_hasTheStructureTheEnclaveParserAccepts(String typedData) throws Exception {
        String canonical = payloadJson(request(typedData));
        assertTrue(canonical.getBytes(StandardCharsets.UTF_8).length <= SignPayload.MAX_TYPED_DATA);
        JsonNode root = STRICT.readTree(canonical);
        assertEquals(Set.of("types", "primaryType", "domain", "message"), names(root));
        assertTrue(root.get("primaryType").isTextual());
        assertTrue(root.get("domain").isObject() && root.get("message").isObject());
        for (Map.Entry<String, JsonNode> type : root.get("types").properties()) {
            assertTrue(type.getValue().isArray());
            for (JsonNode member : type.getValue()) {
                assertEquals(Set.of("name", "type"), names(member));
                assertTrue(member.get("name").isTextual() && member.get("type").isTextual());
            }
        }
        assertNoFractionsNullsOrWhiteSpaceOutsideStrings(canonical);
    }

    @org.junit.jupiter.api.Test
    void canonicalJson_sortsKeys_dropsWhiteSpace_andEscapesOnlyWhatJsonRequires() {
        String typedData = """
                { "types" : { "T" : [ { "type" : "string", "name" : "s" } ] },
                  "message" : { "s" : "tab\\t quote\\" slash\\\\ nul\\u0000 del\\u007f é🚀 \\u2028 /" },
                  "primaryType" : "T", "domain" : { "version" : "1", "name" : "N" } }
                """;
        assertEquals("{\"domain\":{\"name\":\"N\",\"version\":\"1\"},"
                + "\"message\":{\"s\":\"tab\\t quote\\\" slash\\\\ nul\\u0000 del\u007f é🚀 \u2028 /\"},"
                + "\"primaryType\":\"T\",\"types\":{\"T\":[{\"name\":\"s\",\"type\":\"string\"}]}}",
                payloadJson(request(typedData)));
    }

    @org.junit.jupiter.api.Test
    void canonicalJson_isDeterministic_whateverTheClientsKeyOrderAndSpacing() {
        String reordered = """
                {"message": {"contents": "Hello, Bob!",
                             "to": {"wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", "name": "Bob"},
                             "from": {"wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", "name": "Cow"}},
                 "domain": {"verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC",
                            "chainId": 1, "version": "1", "name": "Ether Mail"},
                 "primaryType": "Mail",
                 "types": {"Mail": [{"type": "Person", "name": "from"}, {"name": "to", "type": "Person"},
                                    {"name": "contents", "type": "string"}],
                           "Person": [{"name": "name", "type": "string"}, {"type": "address", "name": "wallet"}]}}
                """;
        String first = payloadJson(request(TypedDataVectors.MAIL));
        assertEquals(first, payloadJson(request(reordered)));
        assertEquals(first, payloadJson(request(TypedDataVectors.MAIL)));
    }

    @org.junit.jupiter.api.Test
    void memberOrder_inTypes_isKept_becauseItIsPartOfTheTypeHash() {
        ObjectNode body = request(TypedDataVectors.MAIL);
        String canonical = payloadJson(body);
        assertTrue(canonical.contains("\"Mail\":[{\"name\":\"from\",\"type\":\"Person\"},{\"name\":\"to\","));
    }

    @org.junit.jupiter.api.Test
    void primaryTypeEip712Domain_signsTheDomainAlone_andItsMessageIsNotTypeChecked() {
        ObjectNode body = request(TypedDataVectors.MAIL);
        TypedDataVectors.typedData(body).put("primaryType", "EIP712Domain");
        TypedDataVectors.typedData(body).putObject("message").put("anything", "goes");
        payloadJson(body);
    }

    @org.junit.jupiter.api.Test
    void declaredEip712Domain_allowsOtherDomainMembers() {
        String typedData = """
                {"types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "app", "type": "string"}],
                           "T": [{"name": "n", "type": "uint256[]"}, {"name": "flags", "type": "bool[2]"},
                                 {"name": "nested", "type": "T[]"}]},
                 "primaryType": "T", "domain": {"name": "x", "app": "y"},
                 "message": {"n": [1, "0x2", "-0"], "flags": [true, false],
                             "nested": [{"n": [], "flags": [false, false], "nested": []}]}}
                """;
        payloadJson(request(typedData));
    }

    @org.junit.jupiter.api.Test
    void typedData_justUnder64KiB_isAccepted() {
        ObjectNode body = request(TypedDataVectors.MAIL);
        int size = payloadJson(body).getBytes(StandardCharsets.UTF_8).length;
        ObjectNode message = (ObjectNode) TypedDataVectors.typedData(body).get("message");
        message.put("contents", "Hello, Bob!" + "a".repeat(SignPayload.MAX_TYPED_DATA - size));
        assertEquals(SignPayload.MAX_TYPED_DATA, payloadJson(body).getBytes(StandardCharsets.UTF_8).length);
    }

    private static Set<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return Set.copyOf(names);
    }

    /** What the enclave's StrictJson refuses or would read differently, outside string literals. */
    private static void assertNoFractionsNullsOrWhiteSpaceOutsideStrings(String text) {
        boolean inString = false;
        StringBuilder outside = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                assertTrue(c >= 0x20, "no raw control character in a string");
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else {
                outside.append(c);
            }
        }
        String structure = outside.toString();
        assertFalse(structure.matches("(?s).*[\\s.eE].*"), "no white space, fraction or exponent");
        assertFalse(structure.contains("null"));
    }
}
