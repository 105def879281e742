package io.custody.attestation;

import io.custody.attestation.AttestationException.Check;
import io.custody.attestation.internal.AttestationPayload;
import io.custody.attestation.internal.CborException;
import io.custody.attestation.internal.CoseSign1;

/** A syntactically valid document and its COSE envelope; nothing about it is verified yet. */
record ParsedDocument(CoseSign1 cose, AttestationDocument document) {

    /**
     * Largest input accepted: the 16 KiB payload bound plus the COSE envelope. Checked before
     * decoding so an oversize blob costs nothing to refuse.
     */
    static final int MAX_DOCUMENT_BYTES = AttestationPayload.MAX_PAYLOAD_BYTES + 1024;

    static ParsedDocument parse(byte[] data) throws AttestationException {
        if (data == null || data.length == 0) {
            throw new AttestationException(Check.SYNTAX, "empty document");
        }
        if (data.length > MAX_DOCUMENT_BYTES) {
            throw new AttestationException(Check.SYNTAX,
                    "document is " + data.length + " bytes, limit " + MAX_DOCUMENT_BYTES);
        }
        try {
            CoseSign1 cose = CoseSign1.decode(data);
            return new ParsedDocument(cose, AttestationPayload.decode(cose.payload()));
        } catch (CborException e) {
            throw new AttestationException(Check.SYNTAX, e.getMessage(), e);
        }
    }
}
