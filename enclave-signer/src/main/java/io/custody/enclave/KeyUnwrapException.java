package io.custody.enclave;

/**
 * A wrapped account key could not be opened. {@link #reason()} says which check refused it, so
 * tests (and operators) can tell a moved or tampered ciphertext from a truncated one.
 */
public final class KeyUnwrapException extends EnclaveException {

    private static final long serialVersionUID = 1L;

    /** The unwrap check that failed, in the order {@link AccountKeyWrapper#unwrap} runs them. */
    public enum Reason {
        /** Not the length of any known wrapped-key format. */
        MALFORMED,
        /** A format version byte this build does not know. */
        UNSUPPORTED_VERSION,
        /**
         * The AES-GCM tag does not verify: wrong DEK, a tampered byte, or a ciphertext presented
         * under another tenant, account, DEK version or curve than it was wrapped for.
         */
        AUTHENTICATION_FAILED,
        /** Authenticated, but the plaintext is not a valid private key for the curve. */
        INVALID_KEY
    }

    private final Reason reason;

    public KeyUnwrapException(Reason reason, String message) {
        super("wrapped key refused (" + reason + "): " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return "key_unwrap_failed";
    }
}
