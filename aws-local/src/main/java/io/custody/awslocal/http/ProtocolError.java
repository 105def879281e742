package io.custody.awslocal.http;

/** Failures of the request itself, before any service logic runs; mapped by {@link ErrorMapper}. */
public enum ProtocolError {
    /** The body is not JSON, or a field has the wrong JSON type or bad base64. */
    SERIALIZATION,
    /** A required field is missing or a value breaks a model constraint (length, range, enum). */
    VALIDATION,
    /** Missing or unknown {@code X-Amz-Target}. */
    UNKNOWN_OPERATION,
    /** The body is larger than the emulator accepts. */
    REQUEST_TOO_LARGE
}
