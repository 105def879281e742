package io.custody.enclave;

/**
 * Base of the enclave-signer's small exception set. Each subclass has a stable {@link #code()} that
 * the protocol layer maps to an error frame (and custody-api to problem+json).
 *
 * <p>Messages never contain key material, plaintext, DEKs or nonces: only field names, lengths,
 * ranges and public values. Tests check this for the paths that handle secrets.
 */
public abstract sealed class EnclaveException extends RuntimeException
        permits InvalidPayloadException, InvalidPolicyException, KeyUnwrapException, PolicyDeniedException,
                SignatureCheckException {

    private static final long serialVersionUID = 1L;

    EnclaveException(String message) {
        super(message, null, false, false);
    }

    /** A stable, lower-case error code, e.g. {@code invalid_payload}. */
    public abstract String code();
}
