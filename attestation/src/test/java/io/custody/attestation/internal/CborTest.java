package io.custody.attestation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CborTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8949 Appendix A examples within this codec's data model, in preferred serialization. */
    @ParameterizedTest
    @ValueSource(strings = {
        "00", "01", "0a", "17", "1818", "1819", "1864", "1903e8", "1a000f4240", "1b000000e8d4a51000",
        "1b7fffffffffffffff", "20", "29", "3863", "3903e7", "3b7fffffffffffffff",
        "f4", "f5", "f6", "40", "4401020304", "60", "6161", "6449455446", "62225c", "62c3bc", "63e6b0b4",
        "80", "83010203", "8301820203820405", "a0", "a201020304", "a26161016162820203",
        "826161a161626163", "c074323031332d30332d32315432303a30343a30305a", "d82076687474703a2f2f7777772e6578616d706c652e636f6d"
    })
    void decodeThenEncode_reproducesRfc8949Example(String hex) {
        byte[] bytes = HEX.parseHex(hex);
        assertArrayEquals(bytes, CborEncoder.encode(CborDecoder.decode(bytes)));
    }

    @Test
    void encode_usesShortestHeads_atEveryBoundary() {
        assertEquals("17", hex(new CborValue.Int(23)));
        assertEquals("1818", hex(new CborValue.Int(24)));
        assertEquals("18ff", hex(new CborValue.Int(255)));
        assertEquals("190100", hex(new CborValue.Int(256)));
        assertEquals("19ffff", hex(new CborValue.Int(65535)));
        assertEquals("1a00010000", hex(new CborValue.Int(65536)));
        assertEquals("1b0000000100000000", hex(new CborValue.Int(1L << 32)));
        assertEquals("3b7fffffffffffffff", hex(new CborValue.Int(Long.MIN_VALUE)));
        assertEquals("590126", hex(new CborValue.Bytes(new byte[294])).substring(0, 6));
    }

    @Test
    void encode_keepsMapInsertionOrder() {
        CborValue map = CborValue.CborMap.builder()
                .put("b", new CborValue.Int(1)).put("a", new CborValue.Int(2)).put(1, CborValue.NULL).build();
        assertEquals("a3616201616102" + "01f6", hex(map));
    }

    @Test
    void decode_acceptsNonMinimalHead() {
        assertEquals(new CborValue.Int(5), CborDecoder.decode(HEX.parseHex("1805")));
    }

    @Test
    void decode_readsTagAndNestedMap() {
        CborValue v = CborDecoder.decode(HEX.parseHex("d2a1016161"));
        CborValue.Tag tag = (CborValue.Tag) v;
        assertEquals(18, tag.tag());
        assertEquals("a", tag.content().asMap().get(1).asText());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "0001, trailing byte",
        "9f01ff, indefinite array",
        "5f4101ff, indefinite byte string",
        "7f6161ff, indefinite text string",
        "bf0102ff, indefinite map",
        "ff, lone break",
        "f93c00, half float",
        "fa47c35000, single float",
        "fb3ff199999999999a, double float",
        "f7, undefined",
        "f0, unassigned simple value",
        "f820, two-byte simple value",
        "1c, reserved additional information 28",
        "1b8000000000000000, unsigned above long",
        "3b8000000000000000, negative below long",
        "a201020103, duplicate map key",
        "a1410001, byte string map key",
        "a1f600, null map key",
        "62c328, invalid UTF-8",
        "5affffffff00, byte string longer than input",
        "9a7fffffff01, array count above input",
        "bb7fffffffffffffff01, map count above input",
        "18, truncated argument",
        "8301, truncated array",
        "d2, tag without content"
    })
    void decode_refusesMalformedOrUnsupportedInput(String hex, String why) {
        assertThrows(CborException.class, () -> CborDecoder.decode(HEX.parseHex(hex)), why);
    }

    @Test
    void decode_refusesEmptyInput() {
        assertThrows(CborException.class, () -> CborDecoder.decode(new byte[0]));
    }

    @Test
    void decode_refusesNestingDeeperThanLimit() {
        byte[] ok = new byte[CborDecoder.MAX_DEPTH + 1];
        java.util.Arrays.fill(ok, (byte) 0x81);
        ok[ok.length - 1] = 0x00; // 16 nested arrays around 0
        CborDecoder.decode(ok);

        byte[] tooDeep = new byte[CborDecoder.MAX_DEPTH + 2];
        java.util.Arrays.fill(tooDeep, (byte) 0x81);
        tooDeep[tooDeep.length - 1] = 0x00;
        assertThrows(CborException.class, () -> CborDecoder.decode(tooDeep));
    }

    @Test
    void typedAccessors_refuseWrongKind() {
        CborValue text = new CborValue.Text("x");
        assertThrows(CborException.class, text::asBytes);
        assertThrows(CborException.class, text::asLong);
        assertThrows(CborException.class, text::asArray);
        assertThrows(CborException.class, text::asMap);
        assertThrows(CborException.class, text::asBool);
        assertEquals(List.of(), new CborValue.Array(List.of()).asArray());
    }

    private static String hex(CborValue v) {
        return HEX.formatHex(CborEncoder.encode(v));
    }
}
