package io.custody.api.error;

/**
 * A request the API refuses, with its stable code, an optional offending field and a detail
 * written for the caller. The detail must never contain secrets, SQL, class names or stack
 * traces: it is returned verbatim.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final String field;
    private final String ruleId;

    public ApiException(ErrorCode code, String detail) {
        this(code, null, detail);
    }

    public ApiException(ErrorCode code, String field, String detail) {
        this(code, field, null, detail);
    }

    /** @param ruleId the policy rule that refused (POLICY_DENIED), or null */
    public ApiException(ErrorCode code, String field, String ruleId, String detail) {
        super(detail, null, false, false);
        this.code = code;
        this.field = field;
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }

    public static ApiException tenantNotFound() {
        // One message for "absent" and "another tenant's": the two must be indistinguishable.
        return new ApiException(ErrorCode.TENANT_NOT_FOUND, "No such tenant.");
    }
}
