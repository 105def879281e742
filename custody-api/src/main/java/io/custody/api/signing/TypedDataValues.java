package io.custody.api.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.api.error.ErrorCode;
import io.custody.api.signing.TypedDataParser.Member;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Checks that EIP-712 values match their declared types, with the rules of the enclave's
 * {@code Eip712Encoder}: a struct is an object with exactly its declared members; {@code T[k]} an
 * array of k elements; {@code string} a string; {@code bool} a boolean; {@code bytes} and
 * {@code bytesN} 0x hex (N bytes exactly); {@code address} an address; {@code intN}/{@code uintN}
 * a JSON integer or a string (decimal or 0x hex, optionally negative, leading zeros allowed)
 * within the type's range. Recursion follows the values, which are at most 32 levels deep.
 */
final class TypedDataValues {
    private final Map<String, List<Member>> types;

    TypedDataValues(Map<String, List<Member>> types) {
        this.types = types;
    }

    /** {@code value} as a struct of {@code type}. */
    void struct(String type, JsonNode value, String path) {
        if (!value.isObject()) {
            throw ErrorCode.INVALID_FIELD_TYPE.at(path, path + " must be a JSON object (struct " + type + ").");
        }
        List<Member> members = types.get(type);
        for (Map.Entry<String, JsonNode> given : value.properties()) {
            if (members.stream().noneMatch(m -> m.name().equals(given.getKey()))) {
                String field = JsonFields.child(path, given.getKey());
                throw TypedDataParser.invalid(field, field + " is not a member of " + type + ".");
            }
        }
        for (Member member : members) {
            String field = JsonFields.child(path, member.name());
            JsonNode memberValue = value.get(member.name());
            if (memberValue == null) {
                throw TypedDataParser.invalid(field, field + " is missing: it is a member of " + type + ".");
            }
            value(member.type(), memberValue, field);
        }
    }

    private void value(String type, JsonNode value, String path) {
        var array = TypedDataParser.arraySuffix().matcher(type);
        if (array.find()) {
            if (!value.isArray()) {
                throw ErrorCode.INVALID_FIELD_TYPE.at(path, path + " must be a JSON array (" + type + ").");
            }
            String fixed = array.group(1);
            if (fixed != null && value.size() != Integer.parseInt(fixed)) {
                throw TypedDataParser.invalid(path, path + " must have exactly " + fixed + " elements.");
            }
            String element = type.substring(0, array.start());
            for (int i = 0; i < value.size(); i++) {
                value(element, value.get(i), JsonFields.index(path, i));
            }
            return;
        }
        if (types.containsKey(type)) {
            struct(type, value, path);
            return;
        }
        switch (type) {
            case "string" -> JsonFields.text(value, path);
            case "bool" -> {
                if (!value.isBoolean()) {
                    throw ErrorCode.INVALID_FIELD_TYPE.at(path, path + " must be true or false.");
                }
            }
            case "address" -> EthFormats.address(value, path);
            case "bytes" -> EthFormats.decodeHex(JsonFields.text(value, path), path);
            default -> sized(type, value, path);
        }
    }

    private static void sized(String type, JsonNode value, String path) {
        int length = TypedDataParser.fixedBytesLength(type);
        if (length > 0) {
            EthFormats.fixedBytes(value, path, length);
            return;
        }
        if (!TypedDataParser.isAtomic(type)) { // every other type was refused with the definitions
            throw new IllegalStateException("unresolved EIP-712 type");
        }
        boolean signed = type.startsWith("int");
        int bits = Integer.parseInt(type.substring(signed ? 3 : 4));
        BigInteger v = integer(value, path);
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger maxExclusive = BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits);
        if (v.compareTo(min) < 0 || v.compareTo(maxExclusive) >= 0) {
            throw ErrorCode.QUANTITY_OUT_OF_RANGE.at(path, path + " is out of range for " + type + ".");
        }
    }

    /** A JSON integer, or a string: optional '-', then decimal digits or 0x and hex digits. */
    private static BigInteger integer(JsonNode value, String path) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (!value.isTextual()) {
            throw ErrorCode.INVALID_FIELD_TYPE.at(path, path + " must be an integer or a decimal or 0x hex string.");
        }
        String text = value.textValue();
        boolean negative = text.startsWith("-");
        String unsigned = negative ? text.substring(1) : text;
        boolean hex = unsigned.startsWith("0x");
        String digits = hex ? unsigned.substring(2) : unsigned;
        if (digits.isEmpty() || !(hex ? EthFormats.isHexDigits(digits, 0) : EthFormats.isDecimalDigits(digits))) {
            throw ErrorCode.INVALID_QUANTITY.at(path,
                    path + " must be an integer: decimal or 0x hex digits, optionally after '-'.");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > (hex ? 64 : 78)) { // more than any int256 or uint256: not parsed
            throw ErrorCode.QUANTITY_OUT_OF_RANGE.at(path, path + " is out of range.");
        }
        BigInteger magnitude = new BigInteger(significant, hex ? 16 : 10);
        return negative ? magnitude.negate() : magnitude;
    }
}
