package io.custody.awslocal;

/** An attestation document failed verification. The message says why; it must not carry secrets. */
public class AttestationException extends Exception {

    public AttestationException(String message) {
        super(message);
    }

    public AttestationException(String message, Throwable cause) {
        super(message, cause);
    }
}
