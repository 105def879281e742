package io.custody.enclave;

/**
 * A freshly produced signature failed the enclave's own checks (not low-S, or it does not recover
 * to the signer's address under any recovery id). The signature is discarded, never returned: a
 * faulty signature can leak the private key (fault attacks) or be unusable on chain.
 */
public final class SignatureCheckException extends EnclaveException {

    private static final long serialVersionUID = 1L;

    public SignatureCheckException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "signature_check_failed";
    }
}
