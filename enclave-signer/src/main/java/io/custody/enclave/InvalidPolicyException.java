package io.custody.enclave;

/**
 * A tenant policy document that the enclave will not seal or enforce: unknown fields, wrong types,
 * values out of range. The message gives the JSON path of the offending member and the rule it
 * breaks, never the document's content.
 */
public final class InvalidPolicyException extends EnclaveException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public InvalidPolicyException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** Where in the document, e.g. {@code $.rules[2].when.chainIds[0]}. */
    public String path() {
        return path;
    }

    @Override
    public String code() {
        return "invalid_policy";
    }
}
