package io.custody.awslocal;

/**
 * Verifies the attestation document of a KMS {@code Recipient} (a Nitro COSE_Sign1 document in
 * production). The emulator calls it before it evaluates the key policy, because the
 * {@code kms:RecipientAttestation:*} condition keys come only from a verified document.
 *
 * <p>The real verifier is {@link NitroAttestationCheck} (the {@code attestation} module); plug it in with
 * {@link LocalAws.Builder#attestationCheck}. Without one, the emulator refuses every Recipient.
 */
@FunctionalInterface
public interface AttestationCheck {

    /**
     * @param document the raw {@code Recipient.AttestationDocument} bytes
     * @return the verified public key and PCRs
     * @throws AttestationException if the document is malformed, badly signed, untrusted or stale;
     *         KMS then answers {@code ValidationException} and does not evaluate the policy
     */
    VerifiedAttestation verify(byte[] document) throws AttestationException;

    /** The default: no verifier configured, so no document is trusted. */
    static AttestationCheck rejectAll() {
        return document -> {
            throw new AttestationException("no attestation verifier is configured in this emulator");
        };
    }
}
