package io.custody.awslocal.http;

/** A malformed request. The message names the field and the rule, never the value. */
public final class ProtocolException extends RuntimeException {

    private final ProtocolError error;

    public ProtocolException(ProtocolError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ProtocolError error() {
        return error;
    }

    /** The AWS wording for a constraint violation, e.g. {@code validation("plaintext", "have length less than or equal to 4096")}. */
    public static ProtocolException validation(String field, String constraint) {
        return new ProtocolException(ProtocolError.VALIDATION, "1 validation error detected: Value at '"
                + field + "' failed to satisfy constraint: Member must " + constraint);
    }
}
