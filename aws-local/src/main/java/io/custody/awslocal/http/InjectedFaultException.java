package io.custody.awslocal.http;

/** An error the fault injector chose to answer with instead of running the operation. */
public final class InjectedFaultException extends RuntimeException {

    private final String errorType;
    private final int status;

    InjectedFaultException(String errorType, int status) {
        super("Injected fault: " + errorType, null, false, false);
        this.errorType = errorType;
        this.status = status;
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }
}
