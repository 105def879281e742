package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.simulated.SimulatedRoot;
import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages.CreatedAccount;
import io.custody.enclave.protocol.SignPayload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged signer as the host runs it: {@code java -jar target/enclave-signer.jar} as a child
 * process with a simulated NSM whose root the in-test KMS emulator pins, found through the one
 * line it prints. Runs after {@code package} (failsafe), because it needs the shaded jar.
 */
class EnclaveProcessIT {

    private static final Pattern LISTENING = Pattern.compile("enclave-signer listening on [^:\\s]+:(\\d+) pcr0=([0-9a-f]{96})");

    @Test
    void packagedSigner_servesTenantKeysAccountsAndSignatures_andStopsOnSigterm(@TempDir Path rootDir) throws Exception {
        Path jar = Path.of(System.getProperty("enclave.jar", "target/enclave-signer.jar"));
        String java = System.getProperty("enclave.java", ProcessHandle.current().info().command().orElse("java"));
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            // The AWS SDK logs request headers (the session token too) at DEBUG through SLF4J: the
            // signer must ship without a binding, so that logging goes nowhere.
            assertEquals(null, zip.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"), "no SLF4J provider");
            assertEquals(null, zip.getEntry("org/slf4j/impl/StaticLoggerBinder.class"), "no SLF4J 1.x binding");
            assertTrue(zip.getEntry("fr/acinq/secp256k1/jni/native/linux-x86_64/libsecp256k1-jni.so") != null,
                    "libsecp256k1 is inside");
        }
        SimulatedRoot root = SimulatedRoot.loadOrCreate(rootDir);
        try (SignerFixture fixture = SignerFixture.start(root)) {
            // No --enable-native-access flag: the jar's manifest grants it.
            Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--listen", "127.0.0.1:0",
                    "--nsm", "simulated", "--simulated-root-dir", rootDir.toString(),
                    "--kms-endpoint", fixture.aws.endpoint().toString(), "--region", "us-east-1").start();
            // Own threads, not the common pool: on a 2-core machine it has a single thread, and the
            // stderr drain would hold it until the process exits.
            CompletableFuture<String> stderr = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> stderr.complete(drain(process.getErrorStream())));
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = new CompletableFuture<>();
            CompletableFuture<List<String>> rest = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                first.complete(readLine(stdout));
                List<String> more = new ArrayList<>();
                for (String next; (next = readLine(stdout)) != null; ) {
                    more.add(next);
                }
                rest.complete(more);
            });
            try {
                String line = first.get(60, TimeUnit.SECONDS);
                Matcher listening = LISTENING.matcher(line == null ? "" : line);
                assertTrue(listening.matches(), () -> "listening line, got: " + line + "\nstderr: " + stderrSoFar(process, stderr));
                int port = Integer.parseInt(listening.group(1));
                String pcr0 = listening.group(2);
                assertEquals(HexFormat.of().formatHex(EnclaveMain.sha384(jar)), pcr0, "PCR0 = SHA-384 of the jar");

                String keyArn = fixture.deploymentKey(HexFormat.of().parseHex(pcr0));
                assertTrue(process.isAlive(), () -> "the signer exited (" + process.exitValue() + "): " + stderrSoFar(process, stderr));
                try (EnclaveClient client = EnclaveClient.connect("127.0.0.1", port)) {
                    assertEquals("UP", client.health().status());
                    UUID tenant = UUID.randomUUID();
                    DataKeyRef dek = EndToEndTest.createTenantKey(client, tenant, 1, keyArn);
                    assertEquals(keyArn, dek.kmsKeyId());
                    List<CreatedAccount> accounts = EndToEndTest.createAccounts(client, tenant, dek, 3);
                    for (SignPayload payload : Payloads.everyKind()) {
                        Payloads.assertSignedBy(accounts.get(1).address(), payload,
                                EndToEndTest.sign(client, tenant, dek, accounts.get(1), payload));
                    }
                }
            } finally {
                process.destroy(); // SIGTERM: the shutdown hook closes the server and wipes the cache
                boolean exited = process.waitFor(30, TimeUnit.SECONDS);
                if (!exited) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                assertTrue(exited, "the signer stops on SIGTERM");
            }
            assertEquals(143, process.exitValue(), "terminated by SIGTERM");
            assertEquals(List.of(), rest.get(10, TimeUnit.SECONDS), "exactly one line on stdout");
            String errors = stderr.get(10, TimeUnit.SECONDS);
            assertFalse(errors.contains("restricted method"), "native access is granted by the manifest:\n" + errors);
        }
    }

    @Test
    void packagedSigner_withABadOption_printsTheUsageToStderr_andExitsWith2(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("enclave.jar", "target/enclave-signer.jar"));
        String java = System.getProperty("enclave.java", ProcessHandle.current().info().command().orElse("java"));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--listen", "127.0.0.1:0", "--bogus", "1")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits by itself");
            assertEquals(2, process.exitValue());
            assertEquals("", Files.readString(out), "nothing on stdout");
            String errors = Files.readString(err);
            assertTrue(errors.contains("unknown option --bogus") && errors.contains("usage:"), errors);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String stderrSoFar(Process process, CompletableFuture<String> stderr) {
        process.destroyForcibly();
        try {
            return stderr.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "(unavailable)";
        }
    }
}
