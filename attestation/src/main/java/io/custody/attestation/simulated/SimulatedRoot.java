package io.custody.attestation.simulated;

import io.custody.attestation.TrustedRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The root of a simulated NSM's certificate chain (DEV AND TEST ONLY; its subject says
 * {@code NOT FOR PRODUCTION} and production configuration refuses it). It can be kept in a
 * directory so that two processes agree on it: the enclave signer signs under it, the local KMS
 * emulator pins it.
 */
public final class SimulatedRoot {
    static final String CERTIFICATE_FILE = "simulated-nitro-root.pem";
    static final String KEY_FILE = "simulated-nitro-root-key.pem";

    private final KeyPair keys;
    private final X509Certificate certificate;

    SimulatedRoot(KeyPair keys, X509Certificate certificate) {
        this.keys = Objects.requireNonNull(keys);
        this.certificate = Objects.requireNonNull(certificate);
    }

    public static SimulatedRoot generate() {
        try {
            return SimulatedPki.newRoot(Instant.now(), new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a simulated root", e);
        }
    }

    /** Loads the root kept in {@code dir}, or creates and keeps a new one there. */
    public static synchronized SimulatedRoot loadOrCreate(Path dir) {
        try {
            Path certificateFile = dir.resolve(CERTIFICATE_FILE);
            Path keyFile = dir.resolve(KEY_FILE);
            if (Files.exists(certificateFile) && Files.exists(keyFile)) {
                return new SimulatedRoot(loadKeys(certificateFile, keyFile), loadCertificate(dir));
            }
            Files.createDirectories(dir);
            SimulatedRoot root = generate();
            writeAtomically(keyFile, pem("PRIVATE KEY", root.keys.getPrivate().getEncoded()), true);
            writeAtomically(certificateFile, pem("CERTIFICATE", root.certificate.getEncoded()), false);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the simulated root in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the simulated root in " + dir + " is unreadable", e);
        }
    }

    /** The certificate kept in {@code dir}, for a process that only verifies documents. */
    public static X509Certificate loadCertificate(Path dir) throws IOException, CertificateException {
        return TrustedRoots.parseCertificate(Files.readAllBytes(dir.resolve(CERTIFICATE_FILE)));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    KeyPair keys() {
        return keys;
    }

    private static KeyPair loadKeys(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        X509Certificate certificate = TrustedRoots.parseCertificate(Files.readAllBytes(certificateFile));
        return new KeyPair(certificate.getPublicKey(), privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: nothing more to restrict
                }
            }
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String toString() {
        return "SimulatedRoot[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
