package io.custody.api.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * The Ethereum value formats of signing requests: byte strings, quantities and addresses. Each
 * parser names the field in its error and never echoes the value. Hex digits are ASCII only
 * ({@link Character#digit} would also take Arabic-Indic or full-width digits).
 */
final class EthFormats {
    /** 2^53-1: the largest integer every JSON reader (JavaScript included) holds exactly (RFC 7493). */
    static final BigInteger MAX_SAFE_JSON_INTEGER = BigInteger.ONE.shiftLeft(53).subtract(BigInteger.ONE);
    /** A uint256 has at most 78 decimal and 64 hex digits. */
    private static final int MAX_DECIMAL_DIGITS = 78;
    private static final int MAX_HEX_DIGITS = 64;
    private static final HexFormat HEX = HexFormat.of();

    private EthFormats() {
    }

    /** {@code 0x} and an even number of hex digits, at most {@code maxBytes} bytes (else 413). */
    static byte[] bytes(JsonNode node, String path, int maxBytes) {
        String text = JsonFields.text(node, path);
        // Checked before decoding: an oversize value costs nothing to refuse.
        if (text.length() > 2 + 2L * maxBytes) {
            throw ErrorCode.PAYLOAD_TOO_LARGE.at(path, path + " is larger than " + maxBytes + " bytes.");
        }
        return decodeHex(text, path);
    }

    /** {@code 0x} and exactly {@code 2 * length} hex digits. */
    static byte[] fixedBytes(JsonNode node, String path, int length) {
        return fixedBytes(JsonFields.text(node, path), path, length);
    }

    static byte[] fixedBytes(String text, String path, int length) {
        if (text.length() != 2 + 2 * length) {
            throw ErrorCode.INVALID_HEX.at(path, path + " must be 0x followed by " + 2 * length
                    + " hex digits (" + length + " bytes).");
        }
        return decodeHex(text, path);
    }

    /** Decodes {@code 0x} (lower-case) followed by an even number of ASCII hex digits; "0x" is empty. */
    static byte[] decodeHex(String text, String path) {
        if (!text.startsWith("0x") || (text.length() & 1) != 0 || !isHexDigits(text, 2)) {
            throw ErrorCode.INVALID_HEX.at(path, path + " must be 0x followed by an even number of hex digits.");
        }
        return HEX.parseHex(text, 2, text.length());
    }

    /**
     * An unsigned quantity of at most {@code bits} bits. Accepted: a decimal string without sign or
     * leading zeros ({@code "0"}, {@code "21000"}); a {@code 0x} hex string of at least one digit,
     * either case, leading zeros allowed ({@code "0x5208"}, {@code "0x01"}); and, when
     * {@code jsonIntegerAllowed}, a JSON integer from 0 to 2^53-1. Refused with INVALID_QUANTITY:
     * empty, {@code "0x"} alone, a sign, white space, {@code "0X"}, fractions and exponents, larger
     * JSON integers (a JSON number above 2^53-1 may already have been rounded by its writer).
     */
    static BigInteger quantity(JsonNode node, String path, int bits, boolean jsonIntegerAllowed) {
        BigInteger value;
        if (node.isNumber()) {
            if (!jsonIntegerAllowed) {
                throw ErrorCode.INVALID_FIELD_TYPE.at(path,
                        path + " must be a string (decimal or 0x hex), not a JSON number.");
            }
            if (!node.isIntegralNumber()) {
                throw ErrorCode.INVALID_QUANTITY.at(path, path + " must be an integer.");
            }
            value = node.bigIntegerValue();
            if (value.signum() < 0) {
                throw ErrorCode.INVALID_QUANTITY.at(path, path + " must not be negative.");
            }
            if (value.compareTo(MAX_SAFE_JSON_INTEGER) > 0) {
                throw ErrorCode.INVALID_QUANTITY.at(path,
                        path + " is above 2^53-1: send it as a decimal or 0x hex string.");
            }
        } else if (node.isTextual()) {
            value = quantityText(node.textValue(), path, bits);
        } else {
            throw ErrorCode.INVALID_FIELD_TYPE.at(path, path + " must be a decimal or 0x hex string.");
        }
        if (value.bitLength() > bits) {
            throw outOfRange(path, bits);
        }
        return value;
    }

    private static ApiException outOfRange(String path, int bits) {
        return ErrorCode.QUANTITY_OUT_OF_RANGE.at(path, path + " must be at most 2^" + bits + "-1.");
    }

    private static BigInteger quantityText(String text, String path, int bits) {
        if (text.startsWith("0x")) {
            int digits = text.length() - 2;
            if (digits == 0 || !isHexDigits(text, 2)) {
                throw ErrorCode.INVALID_QUANTITY.at(path, path + " must be 0x followed by hex digits.");
            }
            int first = 2;
            while (first < text.length() - 1 && text.charAt(first) == '0') {
                first++;
            }
            if (text.length() - first > MAX_HEX_DIGITS) {
                throw outOfRange(path, bits); // not parsed: it has more digits than any uint256
            }
            return new BigInteger(text.substring(first), 16);
        }
        if (text.isEmpty() || !isDecimalDigits(text)) {
            throw ErrorCode.INVALID_QUANTITY.at(path,
                    path + " must be a decimal string without sign, or 0x followed by hex digits.");
        }
        // "010" is 10 to some readers and 8 to others: refuse rather than pick one.
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw ErrorCode.INVALID_QUANTITY.at(path, path + " must not have leading zeros.");
        }
        if (text.length() > MAX_DECIMAL_DIGITS) {
            throw outOfRange(path, bits); // not parsed: it has more digits than any uint256
        }
        return new BigInteger(text);
    }

    /**
     * A 20-byte address: {@code 0x} and 40 hex digits. All lower case or all upper case is taken as
     * it is; mixed case must be a correct EIP-55 checksum (a wrong one is usually a typo).
     */
    static byte[] address(JsonNode node, String path) {
        return address(JsonFields.text(node, path), path);
    }

    static byte[] address(String text, String path) {
        if (text.length() != 42 || !text.startsWith("0x") || !isHexDigits(text, 2)) {
            throw ErrorCode.INVALID_ADDRESS.at(path, path + " must be 0x followed by 40 hex digits.");
        }
        byte[] address = HEX.parseHex(text, 2, 42);
        String digits = text.substring(2);
        boolean mixedCase = !digits.equals(digits.toLowerCase(java.util.Locale.ROOT))
                && !digits.equals(digits.toUpperCase(java.util.Locale.ROOT));
        if (mixedCase && !checksum(address).substring(2).equals(digits)) {
            throw ErrorCode.INVALID_CHECKSUM.at(path, path + " has an invalid EIP-55 checksum.");
        }
        return address;
    }

    /** EIP-55: hex digit i is upper case when nibble i of keccak256(lower-case hex) is 8 or more. */
    static String checksum(byte[] address) {
        String lower = HEX.formatHex(address);
        byte[] hash = keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(2 + lower.length()).append("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    static String hex(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }

    static boolean isHexDigits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    static boolean isDecimalDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
