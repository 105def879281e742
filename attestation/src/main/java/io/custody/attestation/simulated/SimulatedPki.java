package io.custody.attestation.simulated;

import io.custody.attestation.TrustedRoots;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulated Nitro PKI: a P-384 root, one intermediate and a short-lived leaf, with the
 * extensions of the real chain (nitro-kms-spec §1.4). Every subject says it is not for
 * production. Not thread-safe; {@link SimulatedNsm} serializes access.
 */
final class SimulatedPki {

    static final String ROOT_SUBJECT =
            "C=US,O=custody,OU=simulated,CN=custody simulated nitro root (" + TrustedRoots.NOT_FOR_PRODUCTION_MARKER + ")";
    static final String INTERMEDIATE_SUBJECT =
            "C=US,O=custody,OU=simulated,CN=custody simulated nitro intermediate (" + TrustedRoots.NOT_FOR_PRODUCTION_MARKER + ")";

    private static final Duration ROOT_LIFETIME = Duration.ofDays(30 * 365);
    private static final Duration INTERMEDIATE_LIFETIME = Duration.ofDays(20);
    private static final Duration BACKDATE = Duration.ofDays(1);
    /** A leaf closer than this to expiry is replaced, so a fresh document never carries a dying leaf. */
    private static final Duration LEAF_RENEWAL_MARGIN = Duration.ofMinutes(5);

    private final SecureRandom random;
    private final Duration leafLifetime;
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private KeyPair intermediateKeys;
    private X509Certificate intermediate;
    private KeyPair leafKeys;
    private X509Certificate leaf;

    SimulatedPki(SimulatedRoot root, Duration leafLifetime, SecureRandom random) {
        this.random = random;
        this.leafLifetime = leafLifetime;
        this.rootKeys = root.keys();
        this.root = root.certificate();
    }

    /** A new self-signed root key and certificate, valid from a day before {@code now} for 30 years. */
    static SimulatedRoot newRoot(Instant now, SecureRandom random) throws GeneralSecurityException {
        KeyPair keys = newKeyPair(random);
        Instant start = now.minus(BACKDATE);
        return new SimulatedRoot(keys, issue(random, new X500Name(ROOT_SUBJECT), keys, null, keys.getPrivate(),
                start, start.plus(ROOT_LIFETIME), Role.ROOT));
    }

    X509Certificate root() {
        return root;
    }

    X509Certificate intermediate() {
        return intermediate;
    }

    X509Certificate leaf() {
        return leaf;
    }

    PrivateKey leafKey() {
        return leafKeys.getPrivate();
    }

    /** Makes sure the leaf (and the intermediate above it) are valid at {@code now}. */
    void renewFor(Instant now, String moduleId) throws GeneralSecurityException {
        if (!root.getNotBefore().toInstant().isBefore(now) || !root.getNotAfter().toInstant().isAfter(now)) {
            throw new GeneralSecurityException("simulated root is not valid at " + now);
        }
        if (leaf != null && covers(leaf, now, now.plus(LEAF_RENEWAL_MARGIN))) {
            return;
        }
        Instant leafStart = now.truncatedTo(ChronoUnit.SECONDS);
        Instant leafEnd = leafStart.plus(leafLifetime);
        if (intermediate == null || !covers(intermediate, leafStart, leafEnd)) {
            intermediateKeys = newKeyPair(random);
            Instant start = now.minus(BACKDATE);
            intermediate = issue(random, new X500Name(INTERMEDIATE_SUBJECT), intermediateKeys, root, rootKeys.getPrivate(),
                    start, min(start.plus(INTERMEDIATE_LIFETIME), root.getNotAfter().toInstant()), Role.INTERMEDIATE);
        }
        leafKeys = newKeyPair(random);
        leaf = issue(random, new X500Name("CN=" + moduleId + ".simulated.nitro-enclaves"), leafKeys, intermediate,
                intermediateKeys.getPrivate(), leafStart, leafEnd, Role.LEAF);
    }

    private enum Role { ROOT, INTERMEDIATE, LEAF }

    private static X509Certificate issue(SecureRandom random, X500Name subject, KeyPair subjectKeys, X509Certificate issuer,
            PrivateKey issuerKey, Instant notBefore, Instant notAfter, Role role) throws GeneralSecurityException {
        try {
            BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
            X509v3CertificateBuilder b = issuer == null
                    ? new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore), Date.from(notAfter),
                            subject, subjectKeys.getPublic())
                    : new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter),
                            subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (issuer != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
            }
            switch (role) {
                case ROOT -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case INTERMEDIATE -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case LEAF -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, false,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                }
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(issuerKey)));
        } catch (CertIOException | OperatorCreationException | CertificateException e) {
            throw new GeneralSecurityException("cannot issue simulated certificate", e);
        }
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"), random);
        return g.generateKeyPair();
    }

    private static boolean covers(X509Certificate cert, Instant from, Instant to) {
        return !cert.getNotBefore().toInstant().isAfter(from) && !cert.getNotAfter().toInstant().isBefore(to);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
