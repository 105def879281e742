package io.custody.enclave.internal;

import io.custody.enclave.InvalidPayloadException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser (RFC 8259) for the one JSON document the enclave reads: the
 * {@code eth_signTypedData_v4} object. Jackson is not used at run time: this is about 200 lines
 * that can be read in one sitting, and it refuses what a lenient parser would let through.
 *
 * <p>Values: {@code Map<String, Object>} (insertion-ordered, unmodifiable) for objects,
 * {@code List<Object>} for arrays, {@code String}, {@code BigInteger}, {@code Boolean}, and
 * {@link #NULL} for {@code null}. Checks, each with the threat it blocks:
 * <ol>
 *   <li>input at most {@code maxChars} characters — blocks memory exhaustion;
 *   <li>nesting at most {@link #MAX_DEPTH} — blocks stack exhaustion;
 *   <li>a duplicate key in an object is refused — blocks a document that means one thing to the
 *       client's wallet (last key wins) and another here (first key wins);
 *   <li>numbers are integers only, no leading zeros, at most {@link #MAX_DIGITS} digits — blocks
 *       silent rounding of fractions/exponents and quadratic-time huge integers;
 *   <li>strings: no raw control characters, only the JSON escapes, no lone surrogates — blocks
 *       text that different decoders read differently;
 *   <li>nothing but whitespace after the value — blocks smuggled trailing content.
 * </ol>
 * Errors are {@link InvalidPayloadException}s that give the position and the rule, never an
 * excerpt of the input.
 */
public final class StrictJson {

    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 48;
    /** Longest integer accepted (a uint256 has 78 decimal digits). */
    public static final int MAX_DIGITS = 80;

    /** The JSON {@code null} literal (a Java {@code null} would be ambiguous in maps). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String text;
    private int pos;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value of at most {@code maxChars} characters. */
    public static Object parse(String text, int maxChars) {
        if (text == null) {
            throw new InvalidPayloadException("JSON document is required");
        }
        // Check 1
        if (text.length() > maxChars) {
            throw new InvalidPayloadException("JSON document is longer than " + maxChars + " characters");
        }
        StrictJson parser = new StrictJson(text);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        // Check 6
        if (parser.pos != text.length()) {
            throw parser.error("unexpected content after the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> out = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(out);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth);
            // Check 3
            if (out.putIfAbsent(key, value) != null) {
                pos = keyAt;
                throw error("duplicate key");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return Collections.unmodifiableMap(out);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<Object> out = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(out);
        }
        while (true) {
            skipWhitespace();
            out.add(value(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return Collections.unmodifiableList(out);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                break;
            }
            // Check 5: raw control characters must be escaped.
            if (c < 0x20) {
                pos--;
                throw error("unescaped control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> {
                    pos--;
                    throw error("invalid escape sequence");
                }
            }
        }
        // Check 5: every surrogate is part of a pair (raw or escaped).
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < sb.length() && Character.isLowSurrogate(sb.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error("unpaired surrogate in a string");
            }
        }
        return sb.toString();
    }

    private char hex4() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) {
                pos--;
                throw error("invalid \\u escape");
            }
            v = (v << 4) | d;
        }
        return (char) v;
    }

    private BigInteger number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        int digits = pos - digitsStart;
        // Check 4
        if (digits == 0) {
            throw error("expected a digit");
        }
        if (digits > 1 && text.charAt(digitsStart) == '0') {
            pos = digitsStart;
            throw error("leading zero in a number");
        }
        if (digits > MAX_DIGITS) {
            pos = digitsStart;
            throw error("number has more than " + MAX_DIGITS + " digits");
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw error("only integers are accepted (no fraction or exponent)");
        }
        return new BigInteger(text.substring(start, pos));
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal");
        }
        pos += word.length();
        return value;
    }

    private void checkDepth(int depth) {
        // Check 2
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private InvalidPayloadException error(String rule) {
        return new InvalidPayloadException("typed data is not valid JSON at character " + pos + ": " + rule);
    }
}
