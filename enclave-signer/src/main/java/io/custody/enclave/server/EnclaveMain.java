package io.custody.enclave.server;

import io.custody.attestation.DeviceNsm;
import io.custody.attestation.Nsm;
import io.custody.attestation.simulated.SimulatedNsm;
import io.custody.attestation.simulated.SimulatedRoot;
import io.custody.enclave.server.ServerOptions.NsmMode;
import io.custody.enclave.server.ServerOptions.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The enclave signer process:
 * {@code java -jar enclave-signer.jar --listen 127.0.0.1:5005 [options]} (see
 * {@link ServerOptions#USAGE}). Once it serves it prints exactly one line to stdout,
 * {@code enclave-signer listening on HOST:PORT pcr0=<96 hex>}, which the host's launcher parses;
 * everything else goes to stderr. It serves until SIGTERM, then wipes its DEK cache. A bad
 * command line prints the usage to stderr and exits with 2; a start-up failure exits with 1.
 */
public final class EnclaveMain {

    static final int EXIT_USAGE = 2;
    static final int EXIT_START_FAILED = 1;

    private EnclaveMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The AWS SDK logs through SLF4J, which has no binding here (SDK logging is discarded on
        // purpose); keep SLF4J's own "no providers" notice out of the output.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        SignerServer server;
        try {
            server = launch(args, System.out);
        } catch (UsageException e) {
            System.err.println("enclave-signer: " + e.getMessage());
            System.err.print(ServerOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("enclave-signer: cannot start: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("enclave-shutdown").unstarted(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await(); // SIGTERM runs the hook; the JVM then exits
    }

    /** Parses {@code args}, starts the signer, and prints the listening line to {@code out}. */
    static SignerServer launch(String[] args, PrintStream out) throws UsageException, IOException {
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            throw new UsageException("usage");
        }
        ServerOptions options = ServerOptions.parse(args);
        Nsm nsm = switch (options.nsm()) {
            case DEVICE -> DeviceNsm.open();
            case SIMULATED -> simulatedNsm(options);
        };
        SignerServer server = SignerServer.start(options, nsm);
        System.getLogger(EnclaveMain.class.getName()).log(System.Logger.Level.INFO, "serving: nsm="
                + options.nsm().name().toLowerCase() + (options.nsm() == NsmMode.SIMULATED ? " (DEV/TEST ONLY)" : "")
                + ", kms=" + options.kmsEndpoint().map(Object::toString).orElse("regional endpoint")
                + ", region=" + options.region() + ", dek-cache-ttl=" + options.dekCacheTtl().toSeconds()
                + "s, dek-cache-max-uses=" + options.dekCacheMaxUses() + ", recipient-key-rotation="
                + options.recipientKeyRotation().toSeconds() + "s, workers=" + options.workers());
        out.println("enclave-signer listening on " + options.host() + ":" + server.port() + " pcr0="
                + HexFormat.of().formatHex(server.pcr0()));
        out.flush();
        return server;
    }

    /**
     * DEV AND TEST ONLY: a simulated NSM under the root kept in {@code --simulated-root-dir} (the
     * local KMS emulator pins the same root). PCR 0 is the SHA-384 of the running jar unless given,
     * so a rebuilt signer is a new enclave image, as with an EIF.
     */
    private static Nsm simulatedNsm(ServerOptions options) throws UsageException, IOException {
        Map<Integer, byte[]> pcrs = new TreeMap<>(options.pcrs());
        if (!pcrs.containsKey(0)) {
            Path jar = runningJar().orElseThrow(() -> new UsageException(
                    "not running from a jar: give the simulated image measurement with --pcr 0=HEX"));
            pcrs.put(0, sha384(jar));
        }
        SimulatedNsm.Builder builder = SimulatedNsm.builder()
                .root(SimulatedRoot.loadOrCreate(options.simulatedRootDir().orElseThrow()));
        pcrs.forEach(builder::pcr);
        return builder.build();
    }

    /** The jar this class was loaded from, if it was loaded from a jar file. */
    static Optional<Path> runningJar() {
        CodeSource source = EnclaveMain.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static byte[] sha384(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-384");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is not available", e);
        }
    }
}
