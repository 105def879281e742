/**
 * Nitro attestation: verify attestation documents against a pinned root
 * ({@link io.custody.attestation.AttestationVerifier}, {@link io.custody.attestation.TrustedRoots}),
 * and talk to a Nitro Secure Module through the byte-level {@link io.custody.attestation.Nsm}
 * seam ({@link io.custody.attestation.NsmClient}).
 */
package io.custody.attestation;
