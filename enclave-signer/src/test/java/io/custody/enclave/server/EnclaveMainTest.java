package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.simulated.SimulatedRoot;
import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.server.ServerOptions.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnclaveMainTest {

    /** The pattern custody-api's EnclaveLauncher parses. */
    private static final Pattern LISTENING = Pattern.compile("enclave-signer listening on [^:\\s]+:(\\d+) pcr0=([0-9a-f]{96})");
    private static final String PCR = "ab".repeat(48);

    @Test
    void options_haveTheDocumentedDefaults() throws Exception {
        ServerOptions o = ServerOptions.parse(new String[] {"--listen", "127.0.0.1:5005"});
        assertEquals("127.0.0.1", o.host());
        assertEquals(5005, o.port());
        assertEquals(ServerOptions.NsmMode.DEVICE, o.nsm());
        assertEquals("us-east-1", o.region());
        assertEquals(Optional.empty(), o.kmsEndpoint());
        assertEquals(Duration.ofSeconds(300), o.dekCacheTtl());
        assertEquals(1_000_000, o.dekCacheMaxUses());
        assertEquals(Duration.ofSeconds(900), o.recipientKeyRotation());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.workers());
        assertEquals(8 * 1024 * 1024, o.maxFrame());
    }

    @Test
    void options_areAllParsed() throws Exception {
        ServerOptions o = ServerOptions.parse(new String[] {"--listen", "[::1]:0", "--nsm", "simulated",
                "--simulated-root-dir", "/tmp/root", "--pcr", "0=" + PCR, "--pcr", "8=" + "00".repeat(48),
                "--kms-endpoint", "http://127.0.0.1:4566", "--region", "eu-west-2", "--dek-cache-ttl", "60",
                "--dek-cache-max-uses", "1000", "--recipient-key-rotation", "120", "--workers", "3",
                "--max-frame", "1048576"});
        assertEquals("::1", o.host());
        assertEquals(0, o.port());
        assertEquals(Optional.of(Path.of("/tmp/root")), o.simulatedRootDir());
        assertArrayEquals(HexFormat.of().parseHex(PCR), o.pcrs().get(0));
        assertEquals(2, o.pcrs().size());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), o.kmsEndpoint());
        assertEquals("eu-west-2", o.region());
        assertEquals(Duration.ofSeconds(60), o.dekCacheTtl());
        assertEquals(1000, o.dekCacheMaxUses());
        assertEquals(Duration.ofSeconds(120), o.recipientKeyRotation());
        assertEquals(3, o.workers());
        assertEquals(1_048_576, o.maxFrame());
    }

    static List<List<String>> badCommandLines() {
        return List.of(
                List.of(),
                List.of("--listen"),
                List.of("--listen", "5005"),
                List.of("--listen", "127.0.0.1:70000"),
                List.of("--listen", "127.0.0.1:0", "--bogus", "1"),
                List.of("--listen", "127.0.0.1:0", "stray"),
                List.of("--listen", "127.0.0.1:0", "--nsm", "tpm"),
                List.of("--listen", "127.0.0.1:0", "--nsm", "simulated"),
                List.of("--listen", "127.0.0.1:0", "--pcr", "0=" + PCR),
                List.of("--listen", "127.0.0.1:0", "--simulated-root-dir", "/tmp/x"),
                List.of("--listen", "127.0.0.1:0", "--kms-endpoint", "http://kms.local"),
                List.of("--listen", "127.0.0.1:0", "--nsm", "simulated", "--simulated-root-dir", "/tmp/x",
                        "--pcr", "0=abc"),
                List.of("--listen", "127.0.0.1:0", "--nsm", "simulated", "--simulated-root-dir", "/tmp/x",
                        "--pcr", "16=" + PCR),
                List.of("--listen", "127.0.0.1:0", "--nsm", "simulated", "--simulated-root-dir", "/tmp/x",
                        "--pcr", "0=" + PCR, "--pcr", "0=" + PCR),
                List.of("--listen", "127.0.0.1:0", "--kms-endpoint", "ftp://x"),
                List.of("--listen", "127.0.0.1:0", "--region", "US East"),
                List.of("--listen", "127.0.0.1:0", "--dek-cache-ttl", "0"),
                List.of("--listen", "127.0.0.1:0", "--dek-cache-max-uses", "-1"),
                List.of("--listen", "127.0.0.1:0", "--workers", "many"),
                List.of("--listen", "127.0.0.1:0", "--max-frame", "10"),
                List.of("--help"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badCommandLine_isAUsageError(List<String> args) {
        assertThrows(UsageException.class, () -> EnclaveMain.launch(args.toArray(String[]::new), System.out));
    }

    @Test
    void simulatedNsm_outsideAJar_needsAnExplicitPcr0(@TempDir Path root) {
        UsageException e = assertThrows(UsageException.class, () -> EnclaveMain.launch(new String[] {
                "--listen", "127.0.0.1:0", "--nsm", "simulated", "--simulated-root-dir", root.toString()}, System.out));
        assertTrue(e.getMessage().contains("--pcr 0="), e.getMessage());
    }

    @Test
    void deviceNsm_outsideAnEnclave_failsToStart() {
        if (Files.exists(Path.of("/dev/nsm"))) {
            return; // inside a Nitro Enclave: nothing to show here
        }
        assertThrows(java.io.IOException.class,
                () -> EnclaveMain.launch(new String[] {"--listen", "127.0.0.1:0"}, System.out));
    }

    @Test
    void launch_printsExactlyTheListeningLine_withThePortAndPcr0(@TempDir Path rootDir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SignerServer server = EnclaveMain.launch(new String[] {"--listen", "127.0.0.1:0", "--nsm", "simulated",
                "--simulated-root-dir", rootDir.toString(), "--pcr", "0=" + PCR},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, printed.lines().count(), printed);
            Matcher m = LISTENING.matcher(printed.strip());
            assertTrue(m.matches(), printed);
            assertEquals(server.port(), Integer.parseInt(m.group(1)));
            assertEquals(PCR, m.group(2));
            assertTrue(Files.exists(rootDir.resolve("simulated-nitro-root.pem")), "the root is kept for the KMS emulator");
            assertEquals(SimulatedRoot.loadOrCreate(rootDir).certificate(), SimulatedRoot.loadCertificate(rootDir));
            try (EnclaveClient client = SignerFixture.client(server)) {
                assertEquals("UP", client.health().status());
            }
        }
    }
}
