package io.custody.enclave.protocol;

import java.util.Optional;

/**
 * A refusal or failure reported by the enclave signer in an error frame. The message is written
 * for operators and never contains key material; {@code detail} carries a machine-readable
 * refinement (for POLICY_DENIED, the rule id; for KMS errors, the AWS error type).
 */
public class EnclaveException extends Exception {
    private final ErrorCode code;
    private final String detail;

    public EnclaveException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public EnclaveException(ErrorCode code, String message, String detail) {
        super(message, null, false, false);
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public String toString() {
        return "EnclaveException[" + code + (detail == null ? "" : ", " + detail) + "]: " + getMessage();
    }
}
