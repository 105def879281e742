package io.custody.attestation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.AttestationDocument;
import io.custody.attestation.TestVectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Payload syntax rules (nsm-api attestation_process.md §3.2.2) and byte-exact encoding. */
class AttestationPayloadTest {

    private final byte[] realPayload = CoseSign1.decode(TestVectors.realDocument()).payload();

    @Test
    void encode_reproducesRealNsmPayload_byteForByte() {
        AttestationDocument doc = AttestationPayload.decode(realPayload);
        assertArrayEquals(realPayload, AttestationPayload.encode(doc));
    }

    @Test
    void encode_writesAllNineFieldsInNsmOrder_withNullForAbsentOptions() {
        CborValue.CborMap map = CborDecoder.decode(realPayload).asMap();
        List<String> keys = map.entries().keySet().stream().map(CborValue::asText).toList();
        assertEquals(List.of("module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle",
                "public_key", "user_data", "nonce"), keys);
        assertEquals(CborValue.NULL, map.get("nonce"));
    }

    @Test
    void decode_treatsNullAndMissingOptionalFieldsAsAbsent() {
        AttestationDocument withoutKey = AttestationPayload.decode(modified(m -> m.remove(new CborValue.Text("nonce"))));
        assertTrue(withoutKey.nonce().isEmpty());
        AttestationDocument withNull = AttestationPayload.decode(realPayload);
        assertTrue(withNull.nonce().isEmpty());
    }

    @Test
    void decode_refusesMissingMandatoryField() {
        for (String field : List.of("module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle")) {
            assertRefused(m -> m.remove(new CborValue.Text(field)));
        }
    }

    @Test
    void decode_refusesUnknownField() {
        assertRefused(m -> m.put(new CborValue.Text("extra"), new CborValue.Int(1)));
    }

    @Test
    void decode_refusesNullMandatoryField() {
        assertRefused(m -> m.put(new CborValue.Text("certificate"), CborValue.NULL));
    }

    @Test
    void decode_refusesEmptyModuleId() {
        assertRefused(m -> m.put(new CborValue.Text("module_id"), new CborValue.Text("")));
    }

    @Test
    void decode_refusesDigestOtherThanSha384() {
        assertRefused(m -> m.put(new CborValue.Text("digest"), new CborValue.Text("SHA256")));
    }

    @Test
    void decode_refusesNonPositiveTimestamp() {
        assertRefused(m -> m.put(new CborValue.Text("timestamp"), new CborValue.Int(0)));
        assertRefused(m -> m.put(new CborValue.Text("timestamp"), new CborValue.Text("now")));
    }

    @Test
    void decode_refusesEmptyPcrMap_indexOutOfRange_andBadLength() {
        assertRefused(m -> m.put(new CborValue.Text("pcrs"), CborValue.CborMap.builder().build()));
        assertRefused(m -> m.put(new CborValue.Text("pcrs"),
                CborValue.CborMap.builder().put(32, new CborValue.Bytes(new byte[48])).build()));
        assertRefused(m -> m.put(new CborValue.Text("pcrs"),
                CborValue.CborMap.builder().put(0, new CborValue.Bytes(new byte[47])).build()));
        assertRefused(m -> m.put(new CborValue.Text("pcrs"),
                CborValue.CborMap.builder().put("0", new CborValue.Bytes(new byte[48])).build()));
    }

    @Test
    void decode_refusesEmptyOrOversizeCertificates() {
        assertRefused(m -> m.put(new CborValue.Text("certificate"), new CborValue.Bytes(new byte[0])));
        assertRefused(m -> m.put(new CborValue.Text("certificate"), new CborValue.Bytes(new byte[1025])));
        assertRefused(m -> m.put(new CborValue.Text("cabundle"), new CborValue.Array(List.of())));
        assertRefused(m -> m.put(new CborValue.Text("cabundle"),
                new CborValue.Array(List.of(new CborValue.Bytes(new byte[1025])))));
    }

    @Test
    void decode_refusesOversizeUserFields_andEmptyPublicKey() {
        assertRefused(m -> m.put(new CborValue.Text("public_key"), new CborValue.Bytes(new byte[0])));
        assertRefused(m -> m.put(new CborValue.Text("public_key"), new CborValue.Bytes(new byte[1025])));
        assertRefused(m -> m.put(new CborValue.Text("user_data"), new CborValue.Bytes(new byte[1025])));
        assertRefused(m -> m.put(new CborValue.Text("nonce"), new CborValue.Bytes(new byte[1025])));
        AttestationPayload.decode(modified(m -> m.put(new CborValue.Text("nonce"), new CborValue.Bytes(new byte[1024]))));
    }

    @Test
    void decode_refusesPayloadAbove16KiB() {
        byte[] big = new byte[AttestationPayload.MAX_PAYLOAD_BYTES + 1];
        assertThrows(CborException.class, () -> AttestationPayload.decode(big));
    }

    private void assertRefused(Consumer<LinkedHashMap<CborValue, CborValue>> change) {
        byte[] payload = modified(change);
        assertThrows(CborException.class, () -> AttestationPayload.decode(payload));
    }

    private byte[] modified(Consumer<LinkedHashMap<CborValue, CborValue>> change) {
        LinkedHashMap<CborValue, CborValue> entries =
                new LinkedHashMap<>(CborDecoder.decode(realPayload).asMap().entries());
        change.accept(entries);
        return CborEncoder.encode(new CborValue.CborMap(entries));
    }
}
