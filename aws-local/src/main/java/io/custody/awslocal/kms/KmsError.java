package io.custody.awslocal.kms;

/** The ways a KMS operation fails; {@code ErrorMapping} turns each into its AWS error type. */
public enum KmsError {
    NOT_FOUND,
    DISABLED,
    INVALID_STATE,
    INVALID_CIPHERTEXT,
    INCORRECT_KEY,
    INVALID_KEY_USAGE,
    ACCESS_DENIED,
    VALIDATION,
    ALREADY_EXISTS,
    INVALID_ALIAS_NAME,
    MALFORMED_POLICY,
    INVALID_MARKER,
    UNSUPPORTED_OPERATION
}
