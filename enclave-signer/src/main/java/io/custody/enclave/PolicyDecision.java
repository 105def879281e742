package io.custody.enclave;

import java.util.Objects;

/** A policy's answer: {@link Allow} or {@link Deny} with a reason, each naming the deciding rule if any. */
public sealed interface PolicyDecision {

    /**
     * Signing may proceed.
     *
     * @param ruleId the rule that allowed it, or null for a policy without rules of its own
     */
    record Allow(String ruleId) implements PolicyDecision {}

    /**
     * Signing is refused.
     *
     * @param reason a short, client-safe explanation (no secrets), e.g. "chain id 5 not allowed"
     * @param ruleId the rule that denied it, or null when no rule allowed it
     */
    record Deny(String reason, String ruleId) implements PolicyDecision {
        public Deny {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static PolicyDecision allow() {
        return new Allow(null);
    }

    static PolicyDecision deny(String reason) {
        return new Deny(reason, null);
    }
}
