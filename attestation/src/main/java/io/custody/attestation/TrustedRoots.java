package io.custody.attestation;

import io.custody.attestation.AttestationException.Check;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The roots an attestation verifier may pin. Production pins exactly one: AWS Nitro Enclaves
 * Root G1, shipped in this jar and checked against its published fingerprint when loaded.
 * Simulated NSM roots carry {@link #NOT_FOR_PRODUCTION_MARKER} in their subject and are
 * refused by {@link #requireProductionRoot}.
 */
public final class TrustedRoots {

    /** SHA-256 of the DER of AWS Nitro Enclaves Root G1 (CN=aws.nitro-enclaves). */
    public static final String AWS_NITRO_ROOT_G1_SHA256 =
            "641A0321A3E244EFE456463195D606317ED7CDCC3C1756E09893F3C68F79BB5B";

    /** Every simulated root's subject contains this text. */
    public static final String NOT_FOR_PRODUCTION_MARKER = "NOT FOR PRODUCTION";

    private static final String AWS_ROOT_RESOURCE = "aws-nitro-root-g1.pem";

    private static volatile X509Certificate awsRoot;

    private TrustedRoots() {}

    /**
     * AWS Nitro Enclaves Root G1 from this jar's resources.
     *
     * @throws IllegalStateException if the resource is missing or its fingerprint is not
     *     {@link #AWS_NITRO_ROOT_G1_SHA256} (a tampered or broken build)
     */
    public static X509Certificate awsNitroRootG1() {
        X509Certificate root = awsRoot;
        if (root == null) {
            root = loadAwsRoot();
            awsRoot = root;
        }
        return root;
    }

    /** True if {@code certificate} is byte-for-byte AWS Nitro Enclaves Root G1. */
    public static boolean isAwsNitroRootG1(X509Certificate certificate) {
        return AWS_NITRO_ROOT_G1_SHA256.equals(sha256Fingerprint(certificate));
    }

    /**
     * The startup check for production configuration: returns {@code configuredRoot} only if it
     * is AWS Nitro Enclaves Root G1. A simulated NSM root, or any other root, is refused.
     *
     * @throws AttestationException with {@link Check#UNTRUSTED_ROOT}
     */
    public static X509Certificate requireProductionRoot(X509Certificate configuredRoot)
            throws AttestationException {
        if (configuredRoot == null) {
            throw new AttestationException(Check.UNTRUSTED_ROOT, "no attestation root configured");
        }
        String actual = sha256Fingerprint(configuredRoot);
        if (AWS_NITRO_ROOT_G1_SHA256.equals(actual)) {
            return configuredRoot;
        }
        String subject = configuredRoot.getSubjectX500Principal().getName();
        String what = subject.contains(NOT_FOR_PRODUCTION_MARKER)
                ? "configured attestation root is a simulated NSM root, never valid in production: "
                : "configured attestation root is not AWS Nitro Enclaves Root G1: ";
        throw new AttestationException(Check.UNTRUSTED_ROOT, what + subject, AWS_NITRO_ROOT_G1_SHA256, actual);
    }

    /** Parses one X.509 certificate, PEM or DER. */
    public static X509Certificate parseCertificate(byte[] pemOrDer) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pemOrDer));
    }

    /** Upper-case hex SHA-256 of the certificate's DER encoding. */
    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            return sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static X509Certificate loadAwsRoot() {
        try (InputStream in = TrustedRoots.class.getResourceAsStream(AWS_ROOT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + AWS_ROOT_RESOURCE + " is missing from the jar");
            }
            X509Certificate root = parseCertificate(in.readAllBytes());
            // The pin: a swapped resource would silently re-root every verifier built on it.
            if (!isAwsNitroRootG1(root)) {
                throw new IllegalStateException("bundled AWS Nitro root has SHA-256 " + sha256Fingerprint(root)
                        + ", expected " + AWS_NITRO_ROOT_G1_SHA256);
            }
            return root;
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot load the bundled AWS Nitro root", e);
        }
    }
}
