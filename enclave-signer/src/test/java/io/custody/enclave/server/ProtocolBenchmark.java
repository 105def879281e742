package io.custody.enclave.server;

import io.custody.attestation.NsmClient;
import io.custody.attestation.kms.RecipientEnvelope;
import io.custody.attestation.simulated.SimulatedNsm;
import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Frame;
import io.custody.enclave.protocol.Messages;
import io.custody.enclave.protocol.Messages.CreatedAccount;
import io.custody.enclave.protocol.SignPayload;
import java.net.InetSocketAddress;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signer through its protocol, for {@code SignerBenchmark} (not a test): the cold path of a
 * tenant's first signature (attestation + KMS Decrypt through the in-process emulator + envelope +
 * unwrap + sign, the DEK cache evicted before each run), and signatures per second per payload type
 * through one pooled {@link EnclaveClient} over loopback, next to raw libsecp256k1 signing measured
 * in the same run.
 */
public final class ProtocolBenchmark {

    private static final int COLD_RUNS = Integer.getInteger("bench.coldRuns", 200);
    private static final int CALLERS = Integer.getInteger("bench.callers", 8);

    private ProtocolBenchmark() {
    }

    public static void run(double rawSignPerSecond, long warmupMs, long roundMs, int rounds) throws Exception {
        try (SignerFixture fixture = SignerFixture.start()) {
            byte[] pcr0 = SignerFixture.randomPcr0();
            String keyArn = fixture.deploymentKey(pcr0);
            for (int workers : new int[] {1, 2}) {
                SimulatedNsm nsm = SimulatedNsm.builder().root(fixture.root).pcr(0, pcr0).build();
                try (SignerServer server = SignerServer.start(SignerFixture.options(Optional.of(fixture.aws.endpoint()),
                        ServerOptions.DEFAULT_DEK_CACHE_TTL, ServerOptions.DEFAULT_DEK_CACHE_MAX_USES, workers), nsm);
                        EnclaveClient client = new EnclaveClient(new InetSocketAddress("127.0.0.1", server.port()), 4,
                                Duration.ofSeconds(30), Duration.ofSeconds(5), Frame.DEFAULT_MAX_SIZE)) {
                    UUID tenant = UUID.randomUUID();
                    DataKeyRef dek = EndToEndTest.createTenantKey(client, tenant, 1, keyArn);
                    CreatedAccount account = EndToEndTest.createAccounts(client, tenant, dek, 1).getFirst();
                    if (workers == 1) {
                        coldPath(server, nsm, client, tenant, dek, account, fixture);
                    }
                    throughput(workers, rawSignPerSecond, server, client, tenant, dek, account, warmupMs, roundMs, rounds);
                }
            }
        }
    }

    private static void coldPath(SignerServer server, SimulatedNsm nsm, EnclaveClient client, UUID tenant,
            DataKeyRef dek, CreatedAccount account, SignerFixture fixture) throws Exception {
        SignPayload tx = Payloads.eip1559(0);
        Messages.SealedPolicy policy = EndToEndTest.seal(client, tenant, dek, 1, EndToEndTest.ALLOW_ALL);
        for (int i = 0; i < 20; i++) { // warm the code paths
            server.cache().clear();
            EndToEndTest.sign(client, tenant, dek, account, tx, policy);
        }
        long decryptsBefore = fixture.kmsCalls("Decrypt");
        long[] cold = new long[COLD_RUNS];
        for (int i = 0; i < COLD_RUNS; i++) {
            server.cache().clear();
            long start = System.nanoTime();
            EndToEndTest.sign(client, tenant, dek, account, tx, policy);
            cold[i] = System.nanoTime() - start;
        }
        long decrypts = fixture.kmsCalls("Decrypt") - decryptsBefore;
        long[] warm = new long[COLD_RUNS];
        for (int i = 0; i < COLD_RUNS; i++) {
            long start = System.nanoTime();
            EndToEndTest.sign(client, tenant, dek, account, tx, policy);
            warm[i] = System.nanoTime() - start;
        }
        // Components of the cold path, measured alone.
        NsmClient nsmClient = new NsmClient(nsm);
        RecipientKeys.RecipientKey key = server.recipientKeys().current();
        long[] attest = new long[COLD_RUNS];
        for (int i = 0; i < COLD_RUNS; i++) {
            long start = System.nanoTime();
            nsmClient.attest(null, null, key.spki());
            attest[i] = System.nanoTime() - start;
        }
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(key.spki()));
        byte[] envelope = RecipientEnvelope.seal(new byte[32], publicKey);
        long[] open = new long[COLD_RUNS];
        for (int i = 0; i < COLD_RUNS; i++) {
            long start = System.nanoTime();
            server.recipientKeys().open(key, envelope).close();
            open[i] = System.nanoTime() - start;
        }
        // KMS Decrypt alone (SDK + HTTP + the emulator verifying the document and sealing the envelope),
        // with one document reused, as the parent role.
        long[] kms = new long[COLD_RUNS];
        software.amazon.awssdk.services.kms.model.RecipientInfo recipient =
                software.amazon.awssdk.services.kms.model.RecipientInfo.builder()
                        .keyEncryptionAlgorithm(software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism.RSAES_OAEP_SHA_256)
                        .attestationDocument(software.amazon.awssdk.core.SdkBytes.fromByteArray(
                                nsmClient.attest(null, null, key.spki())))
                        .build();
        try (software.amazon.awssdk.services.kms.KmsClient parent = KmsGateway.client(
                Optional.of(fixture.aws.endpoint()), "us-east-1")) {
            var credentials = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                            SignerFixture.PARENT_ACCESS_KEY, "x"));
            for (int i = -20; i < COLD_RUNS; i++) {
                long start = System.nanoTime();
                parent.decrypt(r -> r.ciphertextBlob(software.amazon.awssdk.core.SdkBytes.fromByteArray(dek.ciphertextBlob()))
                        .keyId(dek.kmsKeyId()).encryptionContext(KmsGateway.encryptionContext(tenant, dek.version()))
                        .recipient(recipient).overrideConfiguration(o -> o.credentialsProvider(credentials)));
                if (i >= 0) {
                    kms[i] = System.nanoTime() - start;
                }
            }
        }
        // The signer's own DEK fetch without the protocol: attest + Decrypt + checks + open.
        long[] fetch = new long[COLD_RUNS];
        try (KmsGateway gateway = new KmsGateway(KmsGateway.client(Optional.of(fixture.aws.endpoint()), "us-east-1"),
                nsmClient, server.recipientKeys())) {
            for (int i = -20; i < COLD_RUNS; i++) {
                long start = System.nanoTime();
                gateway.decrypt(tenant, dek, SignerFixture.parentCredentials()).close();
                if (i >= 0) {
                    fetch[i] = System.nanoTime() - start;
                }
            }
        }
        System.out.printf("%ncold path, first signature of a tenant (DEK cache evicted each run; %d runs, %d KMS Decrypt calls):%n",
                COLD_RUNS, decrypts);
        printLatency("cold EIP-1559 sign via protocol (attest+Decrypt+open+unwrap+sign)", cold);
        printLatency("warm EIP-1559 sign via protocol (DEK cached), one at a time", warm);
        printLatency("  part: DEK fetch, KmsGateway.decrypt (attest+Decrypt+checks+open)", fetch);
        printLatency("  part: NSM attestation document (simulated, ES384)", attest);
        printLatency("  part: KMS Decrypt round trip (SDK + HTTP + emulator checks)", kms);
        printLatency("  part: open CiphertextForRecipient (RSA-2048 OAEP + AES-CBC)", open);
    }

    private static void printLatency(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
        System.out.printf("%-66s median %7.2f ms   p99 %7.2f ms%n", name, median, p99);
    }

    private static void throughput(int workers, double rawSignPerSecond, SignerServer server, EnclaveClient client, UUID tenant,
            DataKeyRef dek, CreatedAccount account, long warmupMs, long roundMs, int rounds) throws Exception {
        Messages.SealedPolicy policy = EndToEndTest.seal(client, tenant, dek, 1, EndToEndTest.ALLOW_ALL);
        Map<String, SignPayload> kinds = new LinkedHashMap<>();
        kinds.put("EIP-1559", Payloads.eip1559(1));
        if (workers == 1) {
            kinds.put("EIP-2930", Payloads.eip2930(1));
            kinds.put("legacy EIP-155", Payloads.legacy(1));
            kinds.put("EIP-191 personal_sign", Payloads.personal("Sign in to example.com, nonce 1"));
            kinds.put("EIP-712 (Mail)", new SignPayload.TypedData(Payloads.MAIL_JSON));
        }
        System.out.printf("%nthrough the protocol: %d server worker%s, one EnclaveClient (4 connections), %d callers, loopback:%n",
                workers, workers == 1 ? "" : "s", CALLERS);
        // The handler alone, in this thread: what one SIGN costs the signer without the transport.
        if (workers == 1) {
            SignerHandler handler = server.handler();
            for (Map.Entry<String, SignPayload> kind : kinds.entrySet()) {
                byte[] payload = new Messages.SignRequest(tenant, account.accountId(), dek,
                        SignerFixture.parentCredentials(), account.address(), account.wrappedKey(), kind.getValue(), policy)
                        .encode();
                double rate = medianRate(() -> handler.handle(io.custody.enclave.protocol.Operation.SIGN, payload), 1,
                        warmupMs, roundMs, rounds);
                System.out.printf("%-40s %,9.0f sig/s   (SignerHandler.handle in one thread: decode, DEK cache, unwrap, sign, encode)%n",
                        "handler only, " + kind.getKey(), rate);
            }
        }
        // The transport alone: HEALTH does no cryptography, so this is the protocol's own ceiling.
        double health = medianRate(() -> client.health(), CALLERS, warmupMs, roundMs, rounds);
        System.out.printf("%-40s %,9.0f req/s  (no cryptography: the protocol round trip alone)%n", "HEALTH", health);
        for (Map.Entry<String, SignPayload> kind : kinds.entrySet()) {
            Messages.SignRequest request = new Messages.SignRequest(tenant, account.accountId(), dek,
                    SignerFixture.parentCredentials(), account.address(), account.wrappedKey(), kind.getValue(), policy);
            double median = medianRate(() -> client.sign(request), CALLERS, warmupMs, roundMs, rounds);
            System.out.printf("%-40s %,9.0f sig/s   raw libsecp256k1 sign %,9.0f /s   ratio %5.1f %%%n",
                    kind.getKey(), median, rawSignPerSecond, 100 * median / rawSignPerSecond);
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static double medianRate(Call call, int callers, long warmupMs, long roundMs, int rounds) throws Exception {
        timed(call, callers, warmupMs);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rates[r] = timed(call, callers, roundMs);
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }

    /** {@code callers} threads calling back to back for {@code millis}; returns calls per second. */
    private static double timed(Call call, int callers, long millis) throws Exception {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < callers; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        call.run();
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        return done.get() * 1e9 / elapsed;
    }
}
