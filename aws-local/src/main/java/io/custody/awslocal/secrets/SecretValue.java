package io.custody.awslocal.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** A secret version's value: a string or bytes, never both. Prints as {@code <redacted>}. */
final class SecretValue {

    /** The Secrets Manager quota: 65,536 bytes per secret value. */
    static final int MAX_BYTES = 65_536;

    private final String string;
    private final byte[] binary;

    private SecretValue(String string, byte[] binary) {
        this.string = string;
        this.binary = binary;
    }

    static SecretValue ofString(String value) {
        return new SecretValue(value, null);
    }

    static SecretValue ofBinary(byte[] value) {
        return new SecretValue(null, value.clone());
    }

    int sizeBytes() {
        return string != null ? string.getBytes(StandardCharsets.UTF_8).length : binary.length;
    }

    boolean isBinary() {
        return binary != null;
    }

    /** Same kind and same content, compared in constant time. */
    boolean sameAs(SecretValue other) {
        if (isBinary() != other.isBinary()) {
            return false;
        }
        byte[] mine = isBinary() ? binary : string.getBytes(StandardCharsets.UTF_8);
        byte[] theirs = other.isBinary() ? other.binary : other.string.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(mine, theirs);
    }

    /** Writes {@code SecretString} or {@code SecretBinary} (base64), as in requests and responses. */
    void writeTo(ObjectNode node) {
        if (isBinary()) {
            Json.putBlob(node, "SecretBinary", binary);
        } else {
            node.put("SecretString", string);
        }
    }

    /** The journal form: {@code {"s": string}} or {@code {"b": base64}}. */
    void writeJournal(ObjectNode node) {
        if (isBinary()) {
            node.put("b", Base64.getEncoder().encodeToString(binary));
        } else {
            node.put("s", string);
        }
    }

    static SecretValue readJournal(com.fasterxml.jackson.databind.JsonNode node) {
        return node.has("b") ? ofBinary(Base64.getDecoder().decode(node.get("b").textValue()))
                : ofString(node.get("s").textValue());
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
