package io.custody.awslocal;

import io.custody.attestation.TrustedRoots;
import io.custody.attestation.simulated.SimulatedRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone entry point:
 * {@code java -jar aws-local/target/aws-local.jar --port 4566 --data-dir DIR}.
 *
 * <p>Recipient documents are verified against the root given with {@code --trust-root} (the AWS
 * Nitro root, a PEM file, or the simulated root kept in a directory); without one every Recipient
 * is refused.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar aws-local.jar [options]
              --port N                  TCP port (default 4566; 0 = ephemeral)
              --host ADDR               bind address (default 127.0.0.1)
              --data-dir DIR            persist state in DIR (default: in memory, lost on exit)
              --region R                region in ARNs (default us-east-1)
              --account A               12-digit account id (default 111122223333)
              --principal AKID=ARN      map an access key id to a principal ARN (repeatable)
              --trust-root ROOT         verify Recipient attestation documents against ROOT: "aws-nitro"
                                        (the AWS Nitro Enclaves root G1), a PEM certificate file, or a
                                        directory holding a simulated NSM root (dev/test)
              --help                    this text
            Serves KMS (X-Amz-Target: TrentService.*) and Secrets Manager (secretsmanager.*) on one port.
            DEV/TEST ONLY: no SigV4 verification, key material and secrets stored in the clear.""";

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        LocalAws.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("aws-local: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (builder == null) {
            System.out.println(USAGE);
            return;
        }
        LocalAws aws = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            aws.close();
            stopped.countDown();
        }, "aws-local-shutdown"));
        System.out.println("aws-local listening on " + aws.endpoint() + " (KMS, Secrets Manager; region "
                + aws.region() + ", account " + aws.account() + ")");
        stopped.await();
    }

    /** Returns null for {@code --help}. */
    static LocalAws.Builder parse(String[] args) {
        LocalAws.Builder builder = LocalAws.builder().port(4566);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(parsePort(value));
                case "--host" -> builder.host(value);
                case "--data-dir" -> builder.dataDir(Path.of(value));
                case "--region" -> builder.region(value);
                case "--account" -> builder.account(value);
                case "--trust-root" -> builder.attestationCheck(NitroAttestationCheck.pinnedTo(trustRoot(value)));
                case "--principal" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--principal needs AKID=ARN");
                    }
                    builder.principal(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return builder;
    }

    private static java.security.cert.X509Certificate trustRoot(String value) {
        try {
            if (value.equals("aws-nitro")) {
                return TrustedRoots.awsNitroRootG1();
            }
            Path path = Path.of(value);
            if (Files.isDirectory(path)) {
                return SimulatedRoot.loadCertificate(path);
            }
            return TrustedRoots.parseCertificate(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --trust-root " + value + ": " + e.getMessage());
        } catch (CertificateException | UncheckedIOException e) {
            throw new IllegalArgumentException("--trust-root " + value + " is not a certificate");
        }
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number");
        }
    }
}
