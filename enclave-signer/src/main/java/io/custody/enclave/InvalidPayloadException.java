package io.custody.enclave;

/**
 * The structured request is not something the enclave will sign: a quantity out of range, a
 * malformed address, a pre-EIP-155 legacy transaction, an EIP-712 document that does not type-check.
 * Nothing was signed. The message names the offending field and the rule, never a secret.
 */
public final class InvalidPayloadException extends EnclaveException {

    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "invalid_payload";
    }
}
