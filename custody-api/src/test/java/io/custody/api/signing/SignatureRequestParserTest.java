package io.custody.api.signing;

import static io.custody.api.signing.SigningJson.assertRefused;
import static io.custody.api.signing.SigningJson.hexOfLength;
import static io.custody.api.signing.SigningJson.json;
import static io.custody.api.signing.SigningJson.object;
import static io.custody.api.signing.SigningJson.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.protocol.SignPayload;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The request envelope ({@code type}, the body) and EIP-191 messages. */
class SignatureRequestParserTest {

    @Test
    void duplicateKeys_areRefused_byTheStrictReader_beforeTheParserSeesThem() {
        assertThrows(JsonProcessingException.class, () -> SigningJson.STRICT.readTree(
                "{\"type\": \"eip191_message\", \"message\": \"a\", \"message\": \"b\"}"));
    }

    @Test
    void noBody_isRefused_asBodyRequired() {
        for (var body : new com.fasterxml.jackson.databind.JsonNode[] {null, NullNode.instance, MissingNode.getInstance()}) {
            assertRefused(body, ErrorCode.BODY_REQUIRED, null);
        }
    }

    @Test
    void aBodyThatIsNotAnObject_isRefused_asMalformedJson() {
        assertRefused("[]", ErrorCode.MALFORMED_JSON, null);
        assertRefused("\"eip191_message\"", ErrorCode.MALFORMED_JSON, null);
    }

    @Test
    void missingType_isRefused() {
        assertRefused("{\"message\": \"hi\"}", ErrorCode.VALIDATION_FAILED, "type");
        assertRefused("{\"type\": null, \"message\": \"hi\"}", ErrorCode.VALIDATION_FAILED, "type");
    }

    @Test
    void unknownType_isRefused_caseSensitively() {
        for (String type : new String[] {"eip4844_transaction", "EIP191_MESSAGE", "eip191", " eip191_message", ""}) {
            ObjectNode body = object("{\"message\": \"hi\"}").put("type", type);
            var e = assertRefused(body, ErrorCode.UNKNOWN_SIGNATURE_TYPE, "type");
            assertTrue(e.detail().contains("eip712_typed_data"), "the detail lists the accepted types");
        }
    }

    @Test
    void typeOfAnotherJsonType_isRefused() {
        assertRefused("{\"type\": 1, \"message\": \"hi\"}", ErrorCode.INVALID_FIELD_TYPE, "type");
        assertRefused("{\"type\": [\"eip191_message\"]}", ErrorCode.INVALID_FIELD_TYPE, "type");
    }

    @Test
    void unknownRootField_isRefused_andAFieldOfAnotherType_isNotAllowed() {
        assertRefused("{\"type\": \"eip191_message\", \"message\": \"hi\", \"note\": 1}",
                ErrorCode.UNKNOWN_FIELD, "note");
        assertRefused("{\"type\": \"eip191_message\", \"message\": \"hi\", \"transaction\": {}}",
                ErrorCode.FIELD_NOT_ALLOWED, "transaction");
        ObjectNode tx = object(TransactionRequestTest.RANDOM_0_LEGACY);
        tx.put("messageHex", "0x");
        assertRefused(tx, ErrorCode.FIELD_NOT_ALLOWED, "messageHex");
    }

    @Test
    void refusals_neverEchoAHugeInput() {
        String huge = "x".repeat(100_000);
        var type = assertRefused(object("{}").put("type", huge), ErrorCode.UNKNOWN_SIGNATURE_TYPE, "type");
        assertFalse(type.detail().contains("xxxxxxxx"));
        ObjectNode unknownName = object("{\"type\": \"eip191_message\", \"message\": \"hi\"}");
        unknownName.put(huge, 1);
        var unknown = refusedUnknown(unknownName);
        assertTrue(unknown.field().length() <= 70, "a long member name is cut in the path");
        assertTrue(unknown.detail().length() < 120);
        ObjectNode hugeData = object(TransactionRequestTest.RANDOM_0_LEGACY);
        ((ObjectNode) hugeData.get("transaction")).put("data", "0x" + "zz".repeat(200_000));
        var data = assertRefused(hugeData, ErrorCode.PAYLOAD_TOO_LARGE, "transaction.data");
        assertFalse(data.detail().contains("zzzz"));
    }

    private static ApiException refusedUnknown(ObjectNode body) {
        var e = SigningJson.refused(body);
        assertEquals(ErrorCode.UNKNOWN_FIELD, e.code());
        return e;
    }

    @Test
    void textMessage_isSigned_asItsUtf8Bytes_withNoSummary() {
        String text = "Hello, Bob! é🚀\n";
        SigningRequest request = parse(object("{\"type\": \"eip191_message\"}").put("message", text));
        assertEquals(SignatureType.EIP191_MESSAGE, request.type());
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8),
                ((SignPayload.PersonalMessage) request.payload()).message());
        assertNull(request.chainId());
        assertNull(request.to());
        assertNull(request.value());
        assertFalse(request.isContractCreation());
    }

    @Test
    void hexMessage_isSigned_asTheBytesItSpells() {
        SigningRequest request = parse("{\"type\": \"eip191_message\", \"messageHex\": \"0x00ff10Ab\"}");
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10, (byte) 0xab},
                ((SignPayload.PersonalMessage) request.payload()).message());
    }

    @Test
    void emptyMessage_isAccepted_inBothForms() {
        assertEquals(0, ((SignPayload.PersonalMessage) parse("{\"type\": \"eip191_message\", \"message\": \"\"}")
                .payload()).message().length);
        assertEquals(0, ((SignPayload.PersonalMessage) parse("{\"type\": \"eip191_message\", \"messageHex\": \"0x\"}")
                .payload()).message().length);
    }

    @Test
    void message_needsExactlyOneOfTextAndHex() {
        assertRefused("{\"type\": \"eip191_message\"}", ErrorCode.VALIDATION_FAILED, "message");
        assertRefused("{\"type\": \"eip191_message\", \"message\": null, \"messageHex\": null}",
                ErrorCode.VALIDATION_FAILED, "message");
        assertRefused("{\"type\": \"eip191_message\", \"message\": \"a\", \"messageHex\": \"0x61\"}",
                ErrorCode.VALIDATION_FAILED, "messageHex");
    }

    @Test
    void message_ofTheWrongJsonType_isRefused() {
        assertRefused("{\"type\": \"eip191_message\", \"message\": 42}", ErrorCode.INVALID_FIELD_TYPE, "message");
        assertRefused("{\"type\": \"eip191_message\", \"messageHex\": [1]}", ErrorCode.INVALID_FIELD_TYPE,
                "messageHex");
    }

    @Test
    void message_of64KiB_isAccepted_andOneByteMore_isRefusedWith413() {
        ObjectNode body = object("{\"type\": \"eip191_message\"}");
        body.put("message", "a".repeat(SignPayload.MAX_MESSAGE));
        parse(body);
        body.put("message", "a".repeat(SignPayload.MAX_MESSAGE + 1));
        assertRefused(body, ErrorCode.PAYLOAD_TOO_LARGE, "message");
        body.put("message", "a".repeat(SignPayload.MAX_MESSAGE - 1) + "é"); // 65535 chars, 65537 bytes
        assertRefused(body, ErrorCode.PAYLOAD_TOO_LARGE, "message");
        ObjectNode hexBody = object("{\"type\": \"eip191_message\"}");
        hexBody.put("messageHex", hexOfLength(SignPayload.MAX_MESSAGE));
        parse(hexBody);
        hexBody.put("messageHex", hexOfLength(SignPayload.MAX_MESSAGE + 1));
        assertRefused(hexBody, ErrorCode.PAYLOAD_TOO_LARGE, "messageHex");
    }

    @Test
    void message_withAnUnpairedSurrogate_isRefused() {
        assertRefused(json("{\"type\": \"eip191_message\", \"message\": \"a\\ud800b\"}"),
                ErrorCode.VALIDATION_FAILED, "message");
    }

    @Test
    void malformedMessageHex_isRefused() {
        for (String hex : new String[] {"0x1", "abcd", "0xgg"}) {
            ObjectNode body = object("{\"type\": \"eip191_message\"}").put("messageHex", hex);
            assertRefused(body, ErrorCode.INVALID_HEX, "messageHex");
        }
    }
}
