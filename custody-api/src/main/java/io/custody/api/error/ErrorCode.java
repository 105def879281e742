package io.custody.api.error;

/**
 * The stable {@code code} of every problem+json response. Clients branch on these names, so a
 * name never changes meaning once released; add new ones instead.
 */
public enum ErrorCode {
    MALFORMED_JSON(400, "Malformed JSON"),
    BODY_REQUIRED(400, "Request body required"),
    UNKNOWN_FIELD(400, "Unknown field"),
    INVALID_FIELD_TYPE(400, "Invalid field type"),
    VALIDATION_FAILED(400, "Validation failed"),
    INVALID_ID(400, "Invalid identifier"),
    INVALID_CURSOR(400, "Invalid cursor"),
    INVALID_QUERY_PARAMETER(400, "Invalid query parameter"),
    INVALID_HEADER(400, "Invalid header"),
    // Signing requests (io.custody.api.signing):
    UNKNOWN_SIGNATURE_TYPE(400, "Unknown signature type"),
    FIELD_NOT_ALLOWED(400, "Field not allowed for this type"),
    INVALID_HEX(400, "Invalid hex"),
    INVALID_QUANTITY(400, "Invalid quantity"),
    QUANTITY_OUT_OF_RANGE(400, "Quantity out of range"),
    CHAIN_ID_REQUIRED(400, "Chain id required"),
    INVALID_ADDRESS(400, "Invalid address"),
    INVALID_CHECKSUM(400, "Invalid address checksum"),
    INVALID_TYPED_DATA(400, "Invalid typed data"),
    INVALID_POLICY(400, "Invalid policy"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    POLICY_DENIED(403, "Refused by policy"),
    NOT_FOUND(404, "Not found"),
    TENANT_NOT_FOUND(404, "Tenant not found"),
    ACCOUNT_NOT_FOUND(404, "Account not found"),
    BATCH_NOT_FOUND(404, "Account batch not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    EXTERNAL_REF_CONFLICT(409, "External reference already used"),
    TENANT_SUSPENDED(409, "Tenant suspended"),
    BODY_TOO_LARGE(413, "Request body too large"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused with a different request"),
    INTERNAL_ERROR(500, "Internal error"),
    KEY_INTEGRITY_FAILURE(500, "Key integrity failure"),
    POLICY_INTEGRITY_FAILURE(500, "Policy integrity failure"),
    KEY_SERVICE_FAILURE(502, "Key service failure"),
    KEY_STORE_UNAVAILABLE(503, "Key store unavailable"),
    SIGNER_UNAVAILABLE(503, "Signer unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The refusal of {@code field} (a JSON path, or null for the whole request) with this code. */
    public ApiException at(String field, String detail) {
        return new ApiException(this, field, detail);
    }
}
