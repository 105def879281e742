package io.custody.enclave.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.InvalidPayloadException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static Object parse(String json) {
        return StrictJson.parse(json, 64 * 1024);
    }

    private static String refusal(String json) {
        return assertThrows(InvalidPayloadException.class, () -> parse(json)).getMessage();
    }

    @Test
    void parse_objectsArraysStringsIntegersLiterals() {
        Object value = parse(" {\"a\": [1, -2, 0, \"x\", true, false, null, {}, []],\n\t\"b\": {\"c\": \"d\"}} ");
        Map<?, ?> map = (Map<?, ?>) value;
        List<?> a = (List<?>) map.get("a");
        assertEquals(List.of(BigInteger.ONE, BigInteger.valueOf(-2), BigInteger.ZERO, "x", true, false), a.subList(0, 6));
        assertSame(StrictJson.NULL, a.get(6));
        assertEquals(Map.of(), a.get(7));
        assertEquals(List.of(), a.get(8));
        assertEquals(Map.of("c", "d"), map.get("b"));
    }

    @Test
    void parse_keepsKeyOrder() {
        Map<?, ?> map = (Map<?, ?>) parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(map.keySet()));
    }

    @Test
    void parse_uint256MaxAsBigInteger() {
        String max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString();
        assertEquals(new BigInteger(max), parse(max));
    }

    @Test
    void parse_allEscapes_andSurrogatePairs() {
        assertEquals("\"\\/\b\f\n\r\tA\u00e9\uD83D\uDE80", parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00E9\\ud83d\\ude80\""));
        assertEquals("é🚀", parse("\"é🚀\""));
    }

    @Test
    void duplicateKey_isRefused() {
        assertTrue(refusal("{\"a\": 1, \"a\": 1}").contains("duplicate key"));
        assertTrue(refusal("{\"x\": {\"a\": 1, \"b\": 2, \"a\": 3}}").contains("duplicate key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1e3", "1E3", "-1.0", "01", "-01", "-", "+1", ".5", "0x10", "NaN", "Infinity"})
    void nonIntegersAndNonJsonNumbers_areRefused(String number) {
        refusal("[" + number + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\u0001b\"", "\"\\x41\"", "\"\\u12\"", "\"\\ud83d\"", "\"\\ude80x\"", "\"\uD83D\"",
            "\"unterminated", "'single'", "{a: 1}", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "[1 2]", "tru", "nul",
            "", "   ", "{} {}", "{}x", "[", "{"})
    void malformedJson_isRefused(String json) {
        refusal(json);
    }

    @Test
    void nesting_isLimited() {
        String ok = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        parse(ok);
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        assertTrue(refusal(deep).contains("nesting"));
        String veryDeep = "[".repeat(100_000);
        assertThrows(InvalidPayloadException.class, () -> StrictJson.parse(veryDeep, 200_000));
    }

    @Test
    void size_andDigits_areLimited() {
        assertThrows(InvalidPayloadException.class, () -> StrictJson.parse("\"" + "a".repeat(100) + "\"", 50));
        refusal("1".repeat(StrictJson.MAX_DIGITS + 1));
        parse("1".repeat(StrictJson.MAX_DIGITS));
    }

    @Test
    void errors_givePositionAndRule_neverTheInput() {
        String message = refusal("{\"secret-looking-value\": 1.25}");
        assertTrue(message.contains("character"), message);
        assertFalse(message.contains("secret-looking-value"), message);
    }
}
