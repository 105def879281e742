package io.custody.api.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.protocol.SignPayload;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/tenants/{tenantId}/accounts/{accountId}/signatures} into a
 * {@link SigningRequest}: the structured payload for the enclave and its audit summary. The JSON
 * contract is in {@code package-info.java}. Every refusal is a {@link ApiException}
 * with a stable code and the field's JSON path; the first problem found is reported, in this
 * order: the body, {@code type}, fields that do not belong, then each field in the order of the
 * contract.
 *
 * <p>The body must come from a strict reader (duplicate keys and trailing content refused), as
 * custody-api's {@code ObjectMapper} is configured: a tree cannot show that a key was repeated.
 */
public final class SignatureRequestParser {
    /** The root members; each signature type allows {@code type} and its own. */
    private static final Set<String> ROOT_MEMBERS = Set.of("type", "transaction", "message", "messageHex",
            "typedData");
    private static final Set<String> TRANSACTION_ROOT = Set.of("type", "transaction");
    private static final Set<String> MESSAGE_ROOT = Set.of("type", "message", "messageHex");
    private static final Set<String> TYPED_DATA_ROOT = Set.of("type", "typedData");

    private SignatureRequestParser() {
    }

    /**
     * Validates {@code body} and maps it to the enclave payload.
     *
     * @throws ApiException when the body is refused; nothing else for any input
     */
    public static SigningRequest parse(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ErrorCode.BODY_REQUIRED.at(null, "A JSON request body is required.");
        }
        if (!body.isObject()) {
            throw ErrorCode.MALFORMED_JSON.at(null, "The request body must be a JSON object.");
        }
        JsonFields root = JsonFields.object(body, "");
        JsonNode typeNode = body.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw ErrorCode.VALIDATION_FAILED.at("type", "type is required: one of " + SignatureType.NAMES + ".");
        }
        SignatureType type = SignatureType.fromJson(JsonFields.text(typeNode, "type"));
        if (type == null) {
            throw ErrorCode.UNKNOWN_SIGNATURE_TYPE.at("type", "type must be one of " + SignatureType.NAMES + ".");
        }
        String kind = type.jsonName() + " requests";
        return switch (type) {
            case EIP1559_TRANSACTION, EIP2930_TRANSACTION, LEGACY_TRANSACTION -> {
                root.allowOnly(TRANSACTION_ROOT, ROOT_MEMBERS, kind);
                yield TransactionParser.parse(type, root.required("transaction"), "transaction");
            }
            case EIP191_MESSAGE -> personalMessage(root.allowOnly(MESSAGE_ROOT, ROOT_MEMBERS, kind));
            case EIP712_TYPED_DATA -> {
                root.allowOnly(TYPED_DATA_ROOT, ROOT_MEMBERS, kind);
                yield TypedDataParser.parse(root.required("typedData"), "typedData");
            }
        };
    }

    /**
     * Exactly one of {@code message} (text, signed as its UTF-8 bytes) and {@code messageHex}
     * (0x hex, signed as those bytes), at most 64 KiB either way. Empty is allowed: it is a valid
     * EIP-191 message and signs nothing else.
     */
    private static SigningRequest personalMessage(JsonFields root) {
        JsonNode text = root.optional("message");
        JsonNode hex = root.optional("messageHex");
        if ((text == null) == (hex == null)) {
            String field = text == null ? "message" : "messageHex";
            throw ErrorCode.VALIDATION_FAILED.at(field, "Exactly one of message and messageHex is required.");
        }
        byte[] message = text != null ? utf8(JsonFields.text(text, "message"), "message")
                : EthFormats.bytes(hex, "messageHex", SignPayload.MAX_MESSAGE);
        return new SigningRequest(SignatureType.EIP191_MESSAGE, new SignPayload.PersonalMessage(message), null, null,
                null);
    }

    /** Strict UTF-8: an unpaired surrogate (possible through a \\u escape) is refused, never replaced. */
    private static byte[] utf8(String text, String field) {
        // A char is at least one UTF-8 byte: a longer string is over the limit without encoding it.
        if (text.length() > SignPayload.MAX_MESSAGE) {
            throw tooLarge(field);
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw ErrorCode.VALIDATION_FAILED.at(field, field + " must be valid Unicode text (no unpaired surrogate).");
        }
        if (encoded.remaining() > SignPayload.MAX_MESSAGE) {
            throw tooLarge(field);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static ApiException tooLarge(String field) {
        return ErrorCode.PAYLOAD_TOO_LARGE.at(field,
                field + " is larger than " + SignPayload.MAX_MESSAGE + " bytes in UTF-8.");
    }
}
