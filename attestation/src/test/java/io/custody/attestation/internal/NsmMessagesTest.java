package io.custody.attestation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.custody.attestation.NsmDescription;
import io.custody.attestation.NsmErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.HexFormat;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** NSM API CBOR shapes (nitro-kms-spec §2.1), byte for byte. */
class NsmMessagesTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void attestationRequest_matchesSpecExample_withNullsAndRsa2048Spki() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] spki = rsa.generateKeyPair().getPublic().getEncoded();
        assertEquals(294, spki.length);

        // a1 6b "Attestation" a3 69 "user_data" f6 65 "nonce" f6 6a "public_key" 59 0126 <294-byte SPKI>
        byte[] expected = concat(
                bytes("a1 6b"), ascii("Attestation"), bytes("a3 69"), ascii("user_data"), bytes("f6 65"),
                ascii("nonce"), bytes("f6 6a"), ascii("public_key"), bytes("59 0126"), spki);

        byte[] encoded = new NsmRequest.Attestation(null, null, spki).encode();
        assertArrayEquals(expected, encoded);
        NsmRequest.Attestation decoded = (NsmRequest.Attestation) NsmRequest.decode(encoded);
        assertArrayEquals(spki, decoded.publicKey());
        assertEquals(null, decoded.userData());
    }

    @Test
    void unitRequests_areBareTextStrings() {
        assertArrayEquals(concat(bytes("6b"), ascii("DescribeNSM")), new NsmRequest.DescribeNsm().encode());
        assertArrayEquals(concat(bytes("69"), ascii("GetRandom")), new NsmRequest.GetRandom().encode());
    }

    @Test
    void pcrRequests_areOneEntryMapsWithU16Fields() {
        assertArrayEquals(concat(bytes("a1 6b"), ascii("DescribePCR"), bytes("a1 65"), ascii("index"), bytes("00")),
                new NsmRequest.DescribePcr(0).encode());
        assertArrayEquals(concat(bytes("a1 69"), ascii("ExtendPCR"), bytes("a2 65"), ascii("index"), bytes("10 64"),
                        ascii("data"), bytes("43 010203")),
                new NsmRequest.ExtendPcr(16, new byte[] {1, 2, 3}).encode());
        assertArrayEquals(concat(bytes("a1 67"), ascii("LockPCR"), bytes("a1 65"), ascii("index"), bytes("18 1f")),
                new NsmRequest.LockPcr(31).encode());
        assertArrayEquals(concat(bytes("a1 68"), ascii("LockPCRs"), bytes("a1 65"), ascii("range"), bytes("18 20")),
                new NsmRequest.LockPcrs(32).encode());
    }

    @Test
    void requestDecode_refusesIndexOutsideU16_andUnknownFields() {
        byte[] bigIndex = concat(bytes("a1 6b"), ascii("DescribePCR"), bytes("a1 65"), ascii("index"), bytes("1a 00010000"));
        assertThrows(CborException.class, () -> NsmRequest.decode(bigIndex));
        byte[] extraField = concat(bytes("a1 67"), ascii("LockPCR"), bytes("a2 65"), ascii("index"), bytes("00 61"),
                ascii("x"), bytes("00"));
        assertThrows(CborException.class, () -> NsmRequest.decode(extraField));
        assertThrows(IllegalArgumentException.class, () -> new NsmRequest.DescribePcr(65536).encode());
    }

    @Test
    void errorResponse_isErrorKeyWithCodeName() {
        byte[] encoded = new NsmResponse.Error(NsmErrorCode.INVALID_INDEX).encode();
        assertArrayEquals(concat(bytes("a1 65"), ascii("Error"), bytes("6c"), ascii("InvalidIndex")), encoded);
        assertEquals(NsmErrorCode.INVALID_INDEX, ((NsmResponse.Error) NsmResponse.decode(encoded)).code());
    }

    @Test
    void errorCodes_haveTheCEnumOrder() {
        assertEquals(0, NsmErrorCode.SUCCESS.ordinal());
        assertEquals(4, NsmErrorCode.READ_ONLY_INDEX.ordinal());
        assertEquals(8, NsmErrorCode.INTERNAL_ERROR.ordinal());
    }

    @Test
    void unitResponses_areBareTextStrings() {
        assertArrayEquals(concat(bytes("67"), ascii("LockPCR")), new NsmResponse.LockPcr().encode());
        assertArrayEquals(concat(bytes("68"), ascii("LockPCRs")), new NsmResponse.LockPcrs().encode());
        assertInstanceOf(NsmResponse.LockPcrs.class, NsmResponse.decode(new NsmResponse.LockPcrs().encode()));
    }

    @Test
    void describePcrResponse_hasLockThenData() {
        byte[] data = new byte[48];
        byte[] encoded = new NsmResponse.DescribePcr(true, data).encode();
        assertArrayEquals(concat(bytes("a1 6b"), ascii("DescribePCR"), bytes("a2 64"), ascii("lock"), bytes("f5 64"),
                ascii("data"), bytes("58 30"), data), encoded);
    }

    @Test
    void attestationAndRandomResponses_wrapBytesInNamedField() {
        assertArrayEquals(concat(bytes("a1 6b"), ascii("Attestation"), bytes("a1 68"), ascii("document"), bytes("42 8400")),
                new NsmResponse.Attestation(new byte[] {(byte) 0x84, 0}).encode());
        assertArrayEquals(concat(bytes("a1 69"), ascii("GetRandom"), bytes("a1 66"), ascii("random"), bytes("41 07")),
                new NsmResponse.GetRandom(new byte[] {7}).encode());
    }

    @Test
    void describeNsmResponse_roundTripsInFieldOrder() {
        NsmDescription d = new NsmDescription(1, 0, 0, "i-0-enc1", 32, new TreeSet<>(java.util.List.of(0, 1)), "SHA384");
        byte[] encoded = new NsmResponse.DescribeNsm(d).encode();
        assertArrayEquals(concat(bytes("a1 6b"), ascii("DescribeNSM"), bytes("a7 6d"), ascii("version_major"),
                bytes("01 6d"), ascii("version_minor"), bytes("00 6d"), ascii("version_patch"), bytes("00 69"),
                ascii("module_id"), bytes("68"), ascii("i-0-enc1"), bytes("68"), ascii("max_pcrs"), bytes("18 20 6b"),
                ascii("locked_pcrs"), bytes("82 00 01 66"), ascii("digest"), bytes("66"), ascii("SHA384")), encoded);
        assertEquals(d, ((NsmResponse.DescribeNsm) NsmResponse.decode(encoded)).description());
    }

    @Test
    void responseDecode_refusesUnknownErrorCodeAndShape() {
        assertThrows(CborException.class, () -> NsmResponse.decode(
                concat(bytes("a1 65"), ascii("Error"), bytes("63"), ascii("Bad"))));
        assertThrows(CborException.class, () -> NsmResponse.decode(bytes("a0")));
        assertThrows(CborException.class, () -> NsmResponse.decode(concat(bytes("66"), ascii("Bogus!"))));
    }

    private static byte[] bytes(String spacedHex) {
        return HEX.parseHex(spacedHex.replace(" ", ""));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
