package io.custody.enclave;

/** The signing policy refused the request before anything was hashed or signed. */
public final class PolicyDeniedException extends EnclaveException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    PolicyDeniedException(String reason) {
        super("signing refused by policy: " + reason);
        this.reason = reason;
    }

    /** The policy's own reason, as given in {@link PolicyDecision.Deny}. */
    public String reason() {
        return reason;
    }

    @Override
    public String code() {
        return "policy_denied";
    }
}
