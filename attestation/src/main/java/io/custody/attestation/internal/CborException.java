package io.custody.attestation.internal;

/**
 * Malformed or unsupported CBOR. Internal: public callers see
 * {@link io.custody.attestation.AttestationException} with check {@code SYNTAX}, or
 * {@link io.custody.attestation.NsmException} with {@code INVALID_RESPONSE}.
 */
public final class CborException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    public CborException(String message) {
        super(message);
    }
}
