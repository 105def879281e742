package io.custody.awslocal.kms;

/** A KMS operation failed for a reason the caller can act on. Messages never contain key material or plaintext. */
public final class KmsException extends RuntimeException {

    private final KmsError error;

    public KmsException(KmsError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public KmsError error() {
        return error;
    }
}
