package io.custody.attestation;

/**
 * The NSM refused a request ({@code {"Error": ...}}), or answered with something that is not
 * the response to the request sent ({@link NsmErrorCode#INVALID_RESPONSE}).
 */
public final class NsmException extends Exception {

    private static final long serialVersionUID = 1L;

    private final NsmErrorCode code;

    public NsmException(NsmErrorCode code, String detail) {
        super(code.wireName() + ": " + detail);
        this.code = code;
    }

    public NsmErrorCode code() {
        return code;
    }
}
