package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages.CreatedAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DEK cache seen from KMS: how many Decrypt calls signing costs (counted by the emulator). */
class DekCacheEndToEndTest {

    private static final Duration TTL = Duration.ofSeconds(300);
    private static final long MAX_USES = 5;

    private static SignerFixture fixture;
    private static SignerServer server;
    private static EnclaveClient client;
    private static final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private static UUID tenant;
    private static DataKeyRef dek;
    private static CreatedAccount account;

    @BeforeAll
    static void start() throws Exception {
        fixture = SignerFixture.start();
        byte[] pcr0 = SignerFixture.randomPcr0();
        String keyArn = fixture.deploymentKey(pcr0);
        server = fixture.signer(pcr0, TTL, MAX_USES, clock::get);
        client = SignerFixture.client(server);
        tenant = UUID.randomUUID();
        dek = EndToEndTest.createTenantKey(client, tenant, 1, keyArn);
        account = EndToEndTest.createAccounts(client, tenant, dek, 1).getFirst();
        signOnce("seals the tenant's policy: the tests below count signatures' DEK uses only");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        fixture.close();
    }

    @BeforeEach
    void coldCache() {
        server.cache().clear();
    }

    private static void signOnce(String text) throws Exception {
        Payloads.assertSignedBy(account.address(), Payloads.personal(text),
                EndToEndTest.sign(client, tenant, dek, account, Payloads.personal(text)));
    }

    @Test
    void secondSignature_makesNoKmsCall_becauseTheDekIsCached() throws Exception {
        long before = fixture.kmsCalls("Decrypt");
        DekCache.Stats stats = server.cacheStats();
        signOnce("first");
        assertEquals(before + 1, fixture.kmsCalls("Decrypt"), "a cold cache asks KMS once");
        signOnce("second");
        signOnce("third");
        assertEquals(before + 1, fixture.kmsCalls("Decrypt"), "warm: no KMS call");
        assertEquals(stats.hits() + 2, server.cacheStats().hits());
    }

    @Test
    void signatureAfterTheTtl_callsDecryptAgain() throws Exception {
        long before = fixture.kmsCalls("Decrypt");
        signOnce("first");
        clock.addAndGet(TTL.toNanos() - 1);
        signOnce("just inside the TTL");
        assertEquals(before + 1, fixture.kmsCalls("Decrypt"));
        clock.addAndGet(1);
        signOnce("TTL reached");
        assertEquals(before + 2, fixture.kmsCalls("Decrypt"), "an expired DEK is fetched again");
    }

    @Test
    void expiredDeks_areWipedByTheSweep_evenWhenNobodyAsks() throws Exception {
        signOnce("load");
        assertEquals(1, server.cacheStats().size());
        clock.addAndGet(TTL.toNanos());
        assertEquals(1, server.cache().evictExpired());
        assertEquals(0, server.cacheStats().size());
    }

    @Test
    void signatureAfterMaxUses_callsDecryptAgain() throws Exception {
        long before = fixture.kmsCalls("Decrypt");
        for (int i = 0; i < MAX_USES; i++) {
            signOnce("use " + i); // the first is the miss that loads, and counts as a use
        }
        assertEquals(before + 1, fixture.kmsCalls("Decrypt"));
        signOnce("one use too many");
        assertEquals(before + 2, fixture.kmsCalls("Decrypt"), "a used-up DEK is fetched again");
    }

    @Test
    void concurrentColdSignatures_shareOneDecrypt() throws Exception {
        long before = fixture.kmsCalls("Decrypt");
        int threads = (int) MAX_USES; // all served by one load: within the use bound
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                results.add(pool.submit(() -> {
                    go.await();
                    signOnce("concurrent " + n);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, fixture.kmsCalls("Decrypt"), "the waiting misses reuse the one in-flight Decrypt");
    }
}
