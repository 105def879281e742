package io.custody.api.dev;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Dev and test only: runs the enclave signer as a separate process with a simulated NSM, as the
 * Nitro Enclave runs it in production, and points the deployment key's policy at its PCR0 (the
 * SHA-384 of the signer jar, so a rebuilt signer is a new enclave image). In dev mode a missing
 * or out-of-date jar is rebuilt first, so nothing needs starting by hand.
 */
@Singleton
public class EnclaveLauncher {
    private static final Logger LOG = Logger.getLogger(EnclaveLauncher.class);
    private static final Logger ENCLAVE_LOG = Logger.getLogger("enclave-signer");
    private static final Pattern LISTENING = Pattern.compile("enclave-signer listening on [^:\\s]+:(\\d+) pcr0=([0-9a-f]{96})");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    DevSettings settings;

    @Inject
    LocalAwsLauncher aws;

    @Inject
    DevDeploymentKey deploymentKey;

    private volatile Process process;
    private volatile int port;
    private volatile String pcr0;

    void onStart(@Observes @Priority(3) StartupEvent event) throws IOException, InterruptedException {
        if (!settings.launchEnclave()) {
            return;
        }
        Path jar = jar();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
                "--listen", "127.0.0.1:0", "--nsm", "simulated",
                "--simulated-root-dir", settings.nsmRootDir().toAbsolutePath().toString(),
                "--kms-endpoint", aws.emulator().endpoint().toString(), "--region", aws.emulator().region());
        Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
        process = started;
        BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> awaitListening(out));
        Matcher listening;
        try {
            listening = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            started.destroyForcibly();
            throw new IllegalStateException("the enclave signer did not start (" + jar + ")", e);
        }
        port = Integer.parseInt(listening.group(1));
        pcr0 = listening.group(2);
        Thread.ofVirtual().name("enclave-signer-output").start(() -> forward(out));
        deploymentKey.ensure(pcr0);
        LOG.infof("Enclave signer (simulated NSM) on 127.0.0.1:%d, PCR0 %s...; the deployment key admits this image",
                port, pcr0.substring(0, 16));
    }

    private static Matcher awaitListening(BufferedReader out) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
                ENCLAVE_LOG.info(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the enclave signer's output", e);
        }
        throw new IllegalStateException("the enclave signer exited before listening");
    }

    private static void forward(BufferedReader out) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                ENCLAVE_LOG.info(line);
            }
        } catch (IOException e) {
            // the process went away; onStop or the health check reports it
        }
    }

    /** The signer jar, rebuilt first in dev mode when it is missing or older than its sources. */
    private Path jar() throws IOException, InterruptedException {
        Optional<Path> configured = settings.enclaveJar();
        if (configured.isPresent()) {
            return requireFile(configured.get());
        }
        Path module = Stream.of(Path.of("enclave-signer"), Path.of("../enclave-signer"))
                .filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("cannot find the enclave-signer module from "
                        + Path.of("").toAbsolutePath() + "; set custody.dev.enclave.jar"))
                .toAbsolutePath().normalize();
        Path jar = module.resolve("target/enclave-signer.jar");
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT && stale(jar, module)) {
            build(module);
        }
        return requireFile(jar);
    }

    private static boolean stale(Path jar, Path module) throws IOException {
        if (!Files.exists(jar)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        try (Stream<Path> sources = Files.walk(module.resolve("src/main"))) {
            return sources.anyMatch(source -> {
                try {
                    return Files.getLastModifiedTime(source).compareTo(built) > 0;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }

    private static void build(Path module) throws IOException, InterruptedException {
        Path root = module.getParent();
        LOG.infof("Building the enclave signer (%s)...", module);
        Process build = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "install", "-DskipTests",
                "-pl", "enclave-signer", "-am").directory(root.toFile()).inheritIO().start();
        if (build.waitFor() != 0) {
            throw new IllegalStateException("building the enclave signer failed; run ./mvnw -pl enclave-signer -am install");
        }
    }

    private static Path requireFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the enclave signer jar " + jar.toAbsolutePath()
                    + " does not exist; build it with ./mvnw -pl enclave-signer -am package");
        }
        return jar;
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        Process running = process;
        if (running != null) {
            running.destroy();
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
            process = null;
        }
    }

    public boolean isLaunched() {
        return process != null;
    }

    public int port() {
        return port;
    }

    public String pcr0() {
        return pcr0;
    }
}
