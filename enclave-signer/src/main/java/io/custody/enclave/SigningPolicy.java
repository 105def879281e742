package io.custody.enclave;

/**
 * Decides whether a request may be signed. {@link EnclaveSigner} calls it before encoding,
 * hashing or signing (ARCHITECTURE.md §1 invariant 4). Fails closed: a {@code null} decision or an
 * exception from the policy means nothing is signed.
 */
@FunctionalInterface
public interface SigningPolicy {

    PolicyDecision evaluate(SigningRequest request);
}
