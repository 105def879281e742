package io.custody.awslocal.secrets;

/** The ways a Secrets Manager operation fails; {@code ErrorMapping} turns each into its AWS error type. */
public enum SecretsError {
    RESOURCE_NOT_FOUND,
    RESOURCE_EXISTS,
    /** Valid request, wrong resource state (e.g. the secret is scheduled for deletion). */
    INVALID_REQUEST,
    INVALID_PARAMETER,
    INVALID_NEXT_TOKEN,
    VALIDATION
}
