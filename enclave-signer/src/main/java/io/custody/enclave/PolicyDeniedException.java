package io.custody.enclave;

/** The signing policy refused the request before anything was hashed or signed. */
public final class PolicyDeniedException extends EnclaveException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String ruleId;

    PolicyDeniedException(String reason, String ruleId) {
        super("signing refused by policy: " + reason);
        this.reason = reason;
        this.ruleId = ruleId;
    }

    /** The rule that refused, or null when no rule allowed the request. */
    public String ruleId() {
        return ruleId;
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
