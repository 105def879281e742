package io.custody.enclave;

import java.util.Objects;

/** A policy's answer: {@link Allow} or {@link Deny} with a reason. */
public sealed interface PolicyDecision {

    /** Signing may proceed. */
    record Allow() implements PolicyDecision {}

    /**
     * Signing is refused.
     *
     * @param reason a short, client-safe explanation (no secrets), e.g. "chain id 5 not allowed"
     */
    record Deny(String reason) implements PolicyDecision {
        public Deny {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static PolicyDecision allow() {
        return new Allow();
    }

    static PolicyDecision deny(String reason) {
        return new Deny(reason);
    }
}
