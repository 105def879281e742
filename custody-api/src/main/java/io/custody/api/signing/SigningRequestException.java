package io.custody.api.signing;

/**
 * A signing request the API refuses: a stable {@code code} (a {@link SigningErrorCode} name), its
 * HTTP status, the offending field as a JSON path ({@code transaction.accessList[0].address}) or
 * null, and a detail written for the caller. The detail never echoes the submitted value, so a
 * huge or sensitive input is never reflected. No stack trace is captured: this is a 4xx answer,
 * not a failure.
 */
public final class SigningRequestException extends RuntimeException {
    private final String code;
    private final int status;
    private final String field;

    public SigningRequestException(String code, int status, String field, String detail) {
        super(detail, null, false, false);
        this.code = code;
        this.status = status;
        this.field = field;
    }

    public SigningRequestException(SigningErrorCode code, String field, String detail) {
        this(code.name(), code.status(), field, detail);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The JSON path of the offending value, or null when the whole body is at fault. */
    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }
}
