package io.custody.attestation.internal;

import io.custody.attestation.AttestationDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Codec for the attestation document payload (nitro-kms-spec §1.2; nsm-api
 * attestation_process.md §3.2.2). Both directions enforce the same rules, so this module never
 * emits a document it would refuse. Violations are {@link CborException}s.
 */
public final class AttestationPayload {

    /** COSE payload size bounds from the spec: {@code bstr .size (1..16384)}. */
    public static final int MAX_PAYLOAD_BYTES = 16384;
    /** Each certificate: {@code bytes .size (1..1024)}. */
    public static final int MAX_CERTIFICATE_BYTES = 1024;
    /** public_key, user_data, nonce: 1024 each (the NSM accepts 1024, nsm-test relies on it). */
    public static final int MAX_USER_FIELD_BYTES = 1024;
    /** PCR indexes are {@code 0..31}; a document carries 1..32 of them. */
    public static final int MAX_PCRS = 32;
    /** The only digest the NSM uses. */
    public static final String DIGEST_SHA384 = "SHA384";

    private static final Set<Integer> PCR_LENGTHS = Set.of(32, 48, 64);
    private static final List<String> FIELD_ORDER = List.of(
            "module_id", "digest", "timestamp", "pcrs", "certificate",
            "cabundle", "public_key", "user_data", "nonce");

    private AttestationPayload() {}

    /** Decodes and syntax-checks a payload. */
    public static AttestationDocument decode(byte[] payload) {
        // 1. Size bound before parsing: caps the work an attacker can demand.
        if (payload.length < 1 || payload.length > MAX_PAYLOAD_BYTES) {
            throw new CborException("payload must be 1.." + MAX_PAYLOAD_BYTES + " bytes, got " + payload.length);
        }
        CborValue.CborMap map = CborDecoder.decode(payload).asMap();
        // 2. Only the 9 known fields: an unknown field could carry meaning this verifier ignores.
        for (CborValue key : map.entries().keySet()) {
            if (!(key instanceof CborValue.Text t) || !FIELD_ORDER.contains(t.value())) {
                throw new CborException("unknown payload field " + key);
            }
        }
        String moduleId = map.require("module_id").asText();
        String digest = map.require("digest").asText();
        long timestamp = map.require("timestamp").asLong();
        SortedMap<Integer, byte[]> pcrs = decodePcrs(map.require("pcrs").asMap());
        byte[] certificate = map.require("certificate").asBytes();
        List<byte[]> cabundle = new ArrayList<>();
        for (CborValue cert : map.require("cabundle").asArray()) {
            cabundle.add(cert.asBytes());
        }
        AttestationDocument doc = new AttestationDocument(
                moduleId, digest, Instant.ofEpochMilli(timestamp), pcrs, certificate, cabundle,
                optionalBytes(map, "public_key"), optionalBytes(map, "user_data"), optionalBytes(map, "nonce"));
        validate(doc);
        return doc;
    }

    /** Encodes all 9 fields in the NSM's order, absent options as CBOR null. */
    public static byte[] encode(AttestationDocument doc) {
        validate(doc);
        CborValue.CborMap.Builder pcrs = CborValue.CborMap.builder();
        doc.pcrs().forEach((index, value) -> pcrs.put(index, new CborValue.Bytes(value)));
        List<CborValue> cabundle = doc.cabundle().stream().<CborValue>map(CborValue.Bytes::new).toList();
        byte[] out = CborEncoder.encode(CborValue.CborMap.builder()
                .put("module_id", new CborValue.Text(doc.moduleId()))
                .put("digest", new CborValue.Text(doc.digest()))
                .put("timestamp", new CborValue.Int(doc.timestamp().toEpochMilli()))
                .put("pcrs", pcrs.build())
                .put("certificate", new CborValue.Bytes(doc.certificate()))
                .put("cabundle", new CborValue.Array(cabundle))
                .put("public_key", CborValue.bytesOrNull(doc.publicKey().orElse(null)))
                .put("user_data", CborValue.bytesOrNull(doc.userData().orElse(null)))
                .put("nonce", CborValue.bytesOrNull(doc.nonce().orElse(null)))
                .build());
        if (out.length > MAX_PAYLOAD_BYTES) {
            throw new CborException("encoded payload exceeds " + MAX_PAYLOAD_BYTES + " bytes");
        }
        return out;
    }

    /** The content rules of attestation_process.md §3.2.2.2, with 1024 as the user-field limit. */
    static void validate(AttestationDocument doc) {
        // 3. module_id identifies the issuing NSM; an empty one cannot be attributed.
        if (doc.moduleId().isEmpty()) {
            throw new CborException("module_id is empty");
        }
        // 4. PCR values are only comparable under the agreed digest.
        if (!DIGEST_SHA384.equals(doc.digest())) {
            throw new CborException("digest must be SHA384, got " + doc.digest());
        }
        // 5. A zero or negative timestamp is not a creation time.
        if (doc.timestamp().toEpochMilli() <= 0) {
            throw new CborException("timestamp must be > 0");
        }
        // 6. PCRs: 1..32 entries, index 0..31, value 32/48/64 bytes.
        SortedMap<Integer, byte[]> pcrs = doc.pcrs();
        if (pcrs.isEmpty() || pcrs.size() > MAX_PCRS) {
            throw new CborException("pcrs must have 1.." + MAX_PCRS + " entries, got " + pcrs.size());
        }
        for (Map.Entry<Integer, byte[]> e : pcrs.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= MAX_PCRS) {
                throw new CborException("PCR index out of range: " + e.getKey());
            }
            if (!PCR_LENGTHS.contains(e.getValue().length)) {
                throw new CborException("PCR" + e.getKey() + " has length " + e.getValue().length);
            }
        }
        // 7. Certificates: the leaf and at least one bundle entry (the root), 1..1024 bytes each.
        requireLength("certificate", doc.certificate(), 1, MAX_CERTIFICATE_BYTES);
        List<byte[]> cabundle = doc.cabundle();
        if (cabundle.isEmpty()) {
            throw new CborException("cabundle is empty");
        }
        for (byte[] cert : cabundle) {
            requireLength("cabundle entry", cert, 1, MAX_CERTIFICATE_BYTES);
        }
        // 8. Optional fields: bounded, and a present public_key is never empty.
        doc.publicKey().ifPresent(b -> requireLength("public_key", b, 1, MAX_USER_FIELD_BYTES));
        doc.userData().ifPresent(b -> requireLength("user_data", b, 0, MAX_USER_FIELD_BYTES));
        doc.nonce().ifPresent(b -> requireLength("nonce", b, 0, MAX_USER_FIELD_BYTES));
    }

    private static SortedMap<Integer, byte[]> decodePcrs(CborValue.CborMap map) {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        for (Map.Entry<CborValue, CborValue> e : map.entries().entrySet()) {
            long index = e.getKey().asLong();
            if (index < 0 || index >= MAX_PCRS) {
                throw new CborException("PCR index out of range: " + index);
            }
            pcrs.put((int) index, e.getValue().asBytes());
        }
        return pcrs;
    }

    private static Optional<byte[]> optionalBytes(CborValue.CborMap map, String key) {
        CborValue v = map.get(key);
        return v == null ? Optional.empty() : Optional.ofNullable(v.asBytesOrNull());
    }

    private static void requireLength(String field, byte[] value, int min, int max) {
        if (value.length < min || value.length > max) {
            throw new CborException(field + " must be " + min + ".." + max + " bytes, got " + value.length);
        }
    }
}
