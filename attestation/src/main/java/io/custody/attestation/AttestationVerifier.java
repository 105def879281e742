package io.custody.attestation;

import io.custody.attestation.AttestationException.Check;
import io.custody.attestation.internal.CborException;
import io.custody.attestation.internal.CborValue;
import io.custody.attestation.internal.CoseSign1;
import io.custody.attestation.internal.Es384;
import java.io.ByteArrayInputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies Nitro attestation documents against one pinned root (nitro-kms-spec §1.4; nsm-api
 * attestation_process.md §3). Stateless and thread-safe. It never reads the clock: the caller
 * passes the instant at which certificates and document age are judged.
 *
 * <p>A verifier pinned to a simulated NSM root is for dev and test; production configuration
 * must pass its root through {@link TrustedRoots#requireProductionRoot} first, or use
 * {@link #awsNitro()}.
 */
public final class AttestationVerifier {

    /** How far a document's timestamp may lie after the verification instant when an age is required. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(1);

    private static final HexFormat HEX = HexFormat.of();

    private final X509Certificate root;
    private final byte[] rootDer;

    private AttestationVerifier(X509Certificate root) {
        this.root = Objects.requireNonNull(root, "root");
        try {
            this.rootDer = root.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("root certificate cannot be encoded", e);
        }
    }

    /** A verifier pinned to AWS Nitro Enclaves Root G1. */
    public static AttestationVerifier awsNitro() {
        return new AttestationVerifier(TrustedRoots.awsNitroRootG1());
    }

    /** A verifier pinned to {@code root}. Production code must not pass a root it has not checked. */
    public static AttestationVerifier pinnedTo(X509Certificate root) {
        return new AttestationVerifier(root);
    }

    public X509Certificate root() {
        return root;
    }

    /**
     * Verifies {@code document} as of {@code at} and returns its payload.
     *
     * @param document     a COSE_Sign1 attestation document, tagged (18) or untagged
     * @param at           the instant at which certificate validity and document age are judged
     * @param expectations PCRs, nonce and maximum age to require; {@link Expectations#none()} for none
     * @throws AttestationException naming the first check that failed
     */
    public AttestationDocument verify(byte[] document, Instant at, Expectations expectations)
            throws AttestationException {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(expectations, "expectations");

        // 1. Envelope and payload syntax: malformed input never reaches the crypto below.
        ParsedDocument parsed = ParsedDocument.parse(document);
        AttestationDocument doc = parsed.document();
        CoseSign1 cose = parsed.cose();

        // 2. Algorithm pinned to ES384 in the protected header: blocks algorithm substitution.
        checkAlgorithm(cose);

        // 3. Signature is raw r||s of P-384 size: a DER or truncated signature is malformed input.
        if (cose.signature().length != Es384.SIGNATURE_LENGTH) {
            throw new AttestationException(Check.SYNTAX, "signature must be " + Es384.SIGNATURE_LENGTH
                    + " bytes (raw r||s)", String.valueOf(Es384.SIGNATURE_LENGTH), String.valueOf(cose.signature().length));
        }

        // 4. Every certificate is well-formed DER: the parser sees exactly what was signed.
        X509Certificate leaf = parseCertificate(doc.certificate(), "certificate");
        List<byte[]> bundleDer = doc.cabundle();
        List<X509Certificate> bundle = new ArrayList<>();
        for (int i = 0; i < bundleDer.size(); i++) {
            bundle.add(parseCertificate(bundleDer.get(i), "cabundle[" + i + "]"));
        }

        // 5. The bundle's root is the pinned root: blocks self-made chains (and simulated roots).
        if (!Arrays.equals(bundleDer.getFirst(), rootDer)) {
            throw new AttestationException(Check.UNTRUSTED_ROOT, "cabundle[0] is not the pinned root",
                    TrustedRoots.sha256Hex(rootDer), TrustedRoots.sha256Hex(bundleDer.getFirst()));
        }

        // 6. Every certificate, root included, is valid at `at`: blocks expired or future keys.
        List<X509Certificate> all = new ArrayList<>(bundle);
        all.add(leaf);
        for (X509Certificate cert : all) {
            checkValidity(cert, at);
        }

        // 7. PKIX path leaf, INTERM_N..INTERM_1 to the pinned anchor, no revocation: blocks forged certs.
        checkPath(leaf, bundle.subList(1, bundle.size()), at);

        // 8. The leaf is an end-entity P-384 signing key: blocks documents signed by a CA or wrong-purpose key.
        checkLeafFitness(leaf);

        // 9. COSE signature over Sig_structure with the leaf key: blocks any change to the payload.
        checkSignature(cose, leaf.getPublicKey());

        // 10. Expected PCRs: blocks a different enclave image, kernel, application or parent.
        checkPcrs(doc, expectations.pcrs());

        // 11. Expected nonce: blocks replay of a document made for another challenge.
        Optional<byte[]> nonce = expectations.nonce();
        if (nonce.isPresent()) {
            checkNonce(doc, nonce.get());
        }

        // 12. Maximum age: blocks replay of an old document when no nonce binds it.
        Optional<Duration> maxAge = expectations.maxAge();
        if (maxAge.isPresent()) {
            checkAge(doc.timestamp(), at, maxAge.get());
        }
        return doc;
    }

    private static void checkAlgorithm(CoseSign1 cose) throws AttestationException {
        CborValue.CborMap header;
        try {
            header = cose.protectedHeaderMap();
        } catch (CborException e) {
            throw new AttestationException(Check.SYNTAX, "protected header: " + e.getMessage(), e);
        }
        boolean es384Only = header.entries().size() == 1
                && header.get(CoseSign1.HEADER_ALG) instanceof CborValue.Int alg
                && alg.value() == CoseSign1.ALG_ES384;
        if (!es384Only) {
            throw new AttestationException(Check.UNSUPPORTED_ALGORITHM, "protected header must be {1: -35} (ES384)",
                    HEX.formatHex(CoseSign1.es384ProtectedHeader()), HEX.formatHex(cose.protectedHeader()));
        }
    }

    private static X509Certificate parseCertificate(byte[] der, String what) throws AttestationException {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            // The JDK parser also takes PEM and ignores trailing bytes; accept exact DER only.
            if (!Arrays.equals(cert.getEncoded(), der)) {
                throw new AttestationException(Check.SYNTAX, what + " is not exactly one DER certificate");
            }
            return cert;
        } catch (CertificateException | RuntimeException e) {
            // RuntimeException: the JDK's DER parser has thrown unchecked exceptions on hostile input.
            throw new AttestationException(Check.SYNTAX, what + " is not a valid X.509 certificate", e);
        }
    }

    private static void checkValidity(X509Certificate cert, Instant at) throws AttestationException {
        try {
            cert.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new AttestationException(Check.CERTIFICATE_VALIDITY,
                    "certificate " + cert.getSubjectX500Principal().getName() + " is not valid at the given instant",
                    cert.getNotBefore().toInstant() + ".." + cert.getNotAfter().toInstant(), at.toString());
        }
    }

    private void checkPath(X509Certificate leaf, List<X509Certificate> intermediatesRootFirst, Instant at)
            throws AttestationException {
        List<X509Certificate> path = new ArrayList<>(intermediatesRootFirst.reversed());
        path.addFirst(leaf);
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false); // the Nitro PKI publishes no CRLs; short lifetimes instead
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (CertPathValidatorException e) {
            Check check = e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID
                    ? Check.CERTIFICATE_VALIDITY
                    : Check.CERTIFICATE_CHAIN;
            throw new AttestationException(check, "certificate path does not validate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new AttestationException(Check.CERTIFICATE_CHAIN, "certificate path cannot be checked", e);
        }
    }

    private static void checkLeafFitness(X509Certificate leaf) throws AttestationException {
        if (leaf.getBasicConstraints() != -1) {
            throw new AttestationException(Check.CERTIFICATE_CHAIN, "leaf certificate is a CA");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage == null || keyUsage.length == 0 || !keyUsage[0]) {
            throw new AttestationException(Check.CERTIFICATE_CHAIN, "leaf certificate lacks digitalSignature key usage");
        }
        if (!(leaf.getPublicKey() instanceof ECPublicKey ec) || !isP384(ec.getParams())) {
            throw new AttestationException(Check.CERTIFICATE_CHAIN, "leaf key is not EC P-384",
                    "EC secp384r1", leaf.getPublicKey().getAlgorithm());
        }
    }

    private static boolean isP384(ECParameterSpec params) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp384r1"));
            ECParameterSpec p384 = p.getParameterSpec(ECParameterSpec.class);
            return p384.getOrder().equals(params.getOrder())
                    && p384.getCurve().equals(params.getCurve())
                    && p384.getGenerator().equals(params.getGenerator());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secp384r1 is unavailable", e);
        }
    }

    private static void checkSignature(CoseSign1 cose, PublicKey key) throws AttestationException {
        boolean valid;
        try {
            valid = Es384.verify(key, cose.toBeSigned(), cose.signature());
        } catch (GeneralSecurityException e) {
            throw new AttestationException(Check.SIGNATURE, "signature cannot be verified with the leaf key", e);
        }
        if (!valid) {
            throw new AttestationException(Check.SIGNATURE, "COSE signature does not verify under the leaf key");
        }
    }

    private static void checkPcrs(AttestationDocument doc, Map<Integer, byte[]> expected) throws AttestationException {
        for (Map.Entry<Integer, byte[]> e : expected.entrySet()) {
            byte[] want = e.getValue();
            Optional<byte[]> got = doc.pcr(e.getKey());
            if (got.isEmpty() || !MessageDigest.isEqual(want, got.get())) {
                throw new AttestationException(Check.PCR_MISMATCH, "PCR" + e.getKey() + " differs",
                        HEX.formatHex(want), got.map(HEX::formatHex).orElse("absent"));
            }
        }
    }

    private static void checkNonce(AttestationDocument doc, byte[] want) throws AttestationException {
        Optional<byte[]> got = doc.nonce();
        if (got.isEmpty() || !MessageDigest.isEqual(want, got.get())) {
            throw new AttestationException(Check.NONCE_MISMATCH, "nonce differs",
                    HEX.formatHex(want), got.map(HEX::formatHex).orElse("absent"));
        }
    }

    private static void checkAge(Instant timestamp, Instant at, Duration maxAge) throws AttestationException {
        if (timestamp.isBefore(at.minus(maxAge))) {
            throw new AttestationException(Check.TOO_OLD, "document is older than " + maxAge,
                    "timestamp >= " + at.minus(maxAge), timestamp.toString());
        }
        if (timestamp.isAfter(at.plus(MAX_CLOCK_SKEW))) {
            throw new AttestationException(Check.FROM_FUTURE, "document timestamp is after the verification instant",
                    "timestamp <= " + at.plus(MAX_CLOCK_SKEW), timestamp.toString());
        }
    }
}
