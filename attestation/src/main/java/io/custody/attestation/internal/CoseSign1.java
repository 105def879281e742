package io.custody.attestation.internal;

import java.util.List;

/**
 * COSE_Sign1 (RFC 9052 §4.2) as the NSM emits it:
 * {@code [protected: bstr, unprotected: map, payload: bstr, signature: bstr]}, optionally
 * wrapped in tag 18. Decoding checks only the envelope shape; the verifier checks the content.
 *
 * @param protectedHeader the serialized protected header map, exactly as signed
 * @param payload         the serialized payload, exactly as signed
 * @param signature       the signature bytes (raw r||s for ECDSA)
 */
public record CoseSign1(byte[] protectedHeader, byte[] payload, byte[] signature) {

    /** CBOR tag for COSE_Sign1. The NSM sends the untagged form; both are accepted. */
    public static final long TAG = 18;

    /** COSE header label {@code alg}. */
    public static final long HEADER_ALG = 1;

    /** COSE algorithm ES384 (ECDSA with SHA-384). */
    public static final long ALG_ES384 = -35;

    /** Decodes a tagged or untagged COSE_Sign1. Throws {@link CborException} on any shape error. */
    public static CoseSign1 decode(byte[] data) {
        CborValue top = CborDecoder.decode(data);
        if (top instanceof CborValue.Tag tag) {
            if (tag.tag() != TAG) {
                throw new CborException("unexpected tag " + tag.tag() + ", COSE_Sign1 is tag 18");
            }
            top = tag.content();
        }
        List<CborValue> parts = top.asArray();
        if (parts.size() != 4) {
            throw new CborException("COSE_Sign1 must have 4 elements, got " + parts.size());
        }
        byte[] protectedHeader = parts.get(0).asBytes();
        parts.get(1).asMap(); // unprotected header: unauthenticated, so nothing in it is used
        byte[] payload = parts.get(2).asBytes();
        byte[] signature = parts.get(3).asBytes();
        return new CoseSign1(protectedHeader, payload, signature);
    }

    /** The protected header {@code {1: -35}} serialized: {@code a1 01 38 22}. */
    public static byte[] es384ProtectedHeader() {
        return CborEncoder.encode(CborValue.CborMap.builder()
                .put(HEADER_ALG, new CborValue.Int(ALG_ES384))
                .build());
    }

    /** The protected header decoded; throws {@link CborException} if it is not a map. */
    public CborValue.CborMap protectedHeaderMap() {
        return CborDecoder.decode(protectedHeader).asMap();
    }

    /** Encodes with an empty unprotected header, untagged as the NSM does, or tagged. */
    public byte[] encode(boolean tagged) {
        CborValue array = new CborValue.Array(List.of(
                new CborValue.Bytes(protectedHeader),
                CborValue.CborMap.builder().build(),
                new CborValue.Bytes(payload),
                new CborValue.Bytes(signature)));
        return CborEncoder.encode(tagged ? new CborValue.Tag(TAG, array) : array);
    }

    /**
     * The bytes that are signed (RFC 9052 §4.4):
     * {@code ["Signature1", protected, external_aad = h'', payload]}.
     */
    public byte[] toBeSigned() {
        return toBeSigned(protectedHeader, payload);
    }

    public static byte[] toBeSigned(byte[] protectedHeader, byte[] payload) {
        return CborEncoder.encode(new CborValue.Array(List.of(
                new CborValue.Text("Signature1"),
                new CborValue.Bytes(protectedHeader),
                new CborValue.Bytes(new byte[0]),
                new CborValue.Bytes(payload))));
    }
}
