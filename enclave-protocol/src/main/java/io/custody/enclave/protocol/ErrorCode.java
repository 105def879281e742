package io.custody.enclave.protocol;

/** Error codes of error frames. Codes are never reused. */
public enum ErrorCode {
    MALFORMED_FRAME(1),
    UNSUPPORTED_VERSION(2),
    FRAME_TOO_LARGE(3),
    UNKNOWN_OPERATION(4),
    INVALID_REQUEST(5),
    KMS_FAILURE(6),
    KMS_ACCESS_DENIED(7),
    KEY_UNWRAP_FAILED(8),
    POLICY_DENIED(9),
    POLICY_SEAL_INVALID(10),
    OVERLOADED(11),
    INTERNAL(12),
    ATTESTATION_FAILED(13),

    // Raised by the client itself, never sent on the wire.
    UNAVAILABLE(100),
    TIMEOUT(101);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The error with this code; unknown codes (from a newer peer) read as INTERNAL. */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode error : values()) {
            if (error.code == code) {
                return error;
            }
        }
        return INTERNAL;
    }
}
