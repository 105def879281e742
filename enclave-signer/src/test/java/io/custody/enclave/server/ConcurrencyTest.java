package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages.CreatedAccount;
import io.custody.enclave.protocol.SignPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Concurrent requests on shared connections, accounts and DEK cache: every signature verifies. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int SIGNATURES_PER_THREAD = 500;

    @Test
    void eightThreadsTimes500Signatures_allRecoverToTheirAccounts() throws Exception {
        try (SignerFixture fixture = SignerFixture.start()) {
            byte[] pcr0 = SignerFixture.randomPcr0();
            String keyArn = fixture.deploymentKey(pcr0);
            try (SignerServer server = fixture.signer(pcr0); EnclaveClient client = SignerFixture.client(server)) {
                UUID tenant = UUID.randomUUID();
                DataKeyRef dek = EndToEndTest.createTenantKey(client, tenant, 1, keyArn);
                List<CreatedAccount> accounts = EndToEndTest.createAccounts(client, tenant, dek, THREADS / 2);
                server.cache().clear(); // start cold: the first requests race for the DEK
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    CreatedAccount account = accounts.get(t % accounts.size()); // two threads per account
                    int thread = t;
                    results.add(pool.submit(() -> {
                        go.await();
                        int verified = 0;
                        for (int i = 0; i < SIGNATURES_PER_THREAD; i++) {
                            SignPayload payload = switch (i % 4) {
                                case 0 -> Payloads.eip1559(i);
                                case 1 -> Payloads.personal("thread " + thread + " message " + i);
                                case 2 -> Payloads.legacy(i);
                                default -> Payloads.eip2930(i);
                            };
                            Payloads.assertSignedBy(account.address(), payload,
                                    EndToEndTest.sign(client, tenant, dek, account, payload));
                            verified++;
                        }
                        return verified;
                    }));
                }
                go.countDown();
                int total = 0;
                try {
                    for (Future<Integer> result : results) {
                        total += result.get(5, TimeUnit.MINUTES);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertEquals(THREADS * SIGNATURES_PER_THREAD, total);
            }
        }
    }
}
