package io.custody.awslocal.secrets;

/** A Secrets Manager operation failed. Messages name secrets and versions, never secret values. */
public final class SecretsException extends RuntimeException {

    private final SecretsError error;

    public SecretsException(SecretsError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public SecretsError error() {
        return error;
    }

    static SecretsException notFound() {
        return new SecretsException(SecretsError.RESOURCE_NOT_FOUND, "Secrets Manager can't find the specified secret.");
    }

    static SecretsException markedForDeletion() {
        return new SecretsException(SecretsError.INVALID_REQUEST,
                "You can't perform this operation on the secret because it was marked for deletion.");
    }
}
