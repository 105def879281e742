package io.custody.enclave;

/**
 * PLACEHOLDER: allows every request. Exists only until the tenant policy engine (sealed, versioned
 * policies, ARCHITECTURE.md §6) replaces it; the name is meant to stand out in review and in
 * search. Never wire it into a production configuration.
 */
public final class AllowAllPolicy implements SigningPolicy {

    public static final AllowAllPolicy INSTANCE = new AllowAllPolicy();

    private AllowAllPolicy() {}

    @Override
    public PolicyDecision evaluate(SigningRequest request) {
        return PolicyDecision.allow();
    }
}
