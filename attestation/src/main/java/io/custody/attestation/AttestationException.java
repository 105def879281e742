package io.custody.attestation;

import java.util.Optional;

/**
 * An attestation document was refused. {@link #check()} names the check that failed; where
 * it means something, {@link #expected()} and {@link #actual()} carry hex or text values.
 * Messages never contain key material: only public document fields (PCRs, nonces,
 * certificate fingerprints, times) and format errors.
 */
public final class AttestationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The verification step that refused the document, in the order the verifier runs them. */
    public enum Check {
        /** Not a well-formed COSE_Sign1 attestation document (CBOR, field types, sizes). */
        SYNTAX,
        /** Protected header is not exactly {@code {1: -35}} (ES384). */
        UNSUPPORTED_ALGORITHM,
        /** The bundle's root is not the pinned root, or a configured root is not the production root. */
        UNTRUSTED_ROOT,
        /** A certificate (root included) is outside its validity window at the given instant. */
        CERTIFICATE_VALIDITY,
        /** The certificate path does not validate (PKIX) or the leaf is unfit to sign documents. */
        CERTIFICATE_CHAIN,
        /** The COSE signature does not verify under the leaf certificate's key. */
        SIGNATURE,
        /** An expected PCR is absent or has another value. */
        PCR_MISMATCH,
        /** The expected nonce is absent or different. */
        NONCE_MISMATCH,
        /** The document timestamp is older than the allowed maximum age. */
        TOO_OLD,
        /** The document timestamp lies further in the future than the allowed clock skew. */
        FROM_FUTURE
    }

    private final Check check;
    private final String expected;
    private final String actual;

    AttestationException(Check check, String detail) {
        this(check, detail, null, null, null);
    }

    AttestationException(Check check, String detail, Throwable cause) {
        this(check, detail, null, null, cause);
    }

    AttestationException(Check check, String detail, String expected, String actual) {
        this(check, detail, expected, actual, null);
    }

    private AttestationException(
            Check check, String detail, String expected, String actual, Throwable cause) {
        super(format(check, detail, expected, actual), cause);
        this.check = check;
        this.expected = expected;
        this.actual = actual;
    }

    public Check check() {
        return check;
    }

    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }

    public Optional<String> actual() {
        return Optional.ofNullable(actual);
    }

    private static String format(Check check, String detail, String expected, String actual) {
        StringBuilder sb = new StringBuilder(check.name()).append(": ").append(detail);
        if (expected != null || actual != null) {
            sb.append(" (expected=").append(expected).append(", actual=").append(actual).append(')');
        }
        return sb.toString();
    }
}
