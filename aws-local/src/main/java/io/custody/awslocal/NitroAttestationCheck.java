package io.custody.awslocal;

import io.custody.attestation.AttestationDocument;
import io.custody.attestation.AttestationVerifier;
import io.custody.attestation.Expectations;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Verifies Recipient documents as KMS does, with the project's attestation verifier: COSE
 * signature, certificate chain to the pinned root, and an age limit (KMS does not document one;
 * the leaf certificate's ~3 h lifetime bounds it there, a configurable age bounds it here).
 */
public final class NitroAttestationCheck implements AttestationCheck {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private final AttestationVerifier verifier;
    private final Duration maxAge;
    private final Clock clock;

    public NitroAttestationCheck(AttestationVerifier verifier, Duration maxAge, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier);
        this.maxAge = Objects.requireNonNull(maxAge);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Trusts documents that chain to {@code root}: the AWS Nitro root, or a simulated root in dev and test. */
    public static NitroAttestationCheck pinnedTo(X509Certificate root) {
        return new NitroAttestationCheck(AttestationVerifier.pinnedTo(root), DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    @Override
    public VerifiedAttestation verify(byte[] document) throws AttestationException {
        try {
            AttestationDocument verified = verifier.verify(document, clock.instant(), Expectations.none().withMaxAge(maxAge));
            return new VerifiedAttestation(verified.publicKey().orElse(null), verified.pcrs());
        } catch (io.custody.attestation.AttestationException e) {
            throw new AttestationException("attestation document refused: " + e.check() + " (" + e.getMessage() + ")");
        }
    }
}
