package io.custody.bench;

import io.custody.bench.CustodyClient.Batch;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * {@code batch --count N}: one account batch in a new tenant, timed from the submission to the
 * first poll that sees it COMPLETED, with the emulator calls it made, what its Secrets Manager
 * usage would cost at a million accounts, and the speed of downloading its addresses.
 */
final class BatchBench {

    static final Set<String> OPTIONS = Options.withCommon("count", "download");

    /** Frequent polls keep the measured end within 200 ms of the real one... */
    private static final long POLL_MILLIS = 200;
    /** ...while a progress line a second keeps the output of a long batch readable. */
    private static final long PRINT_EVERY_NANOS = 1_000_000_000L;

    // Secrets Manager list prices (us-east-1).
    private static final double DOLLARS_PER_SECRET_MONTH = 0.40;
    private static final double DOLLARS_PER_10K_CALLS = 0.05;
    private static final double MILLION = 1_000_000;

    /** A batch that completed, and how long the client saw it take. */
    record Finished(Batch batch, double clientSeconds) {

        /**
         * From the batch's createdAt to its completedAt: no polling granularity, but it ends when the
         * last chunk's transaction begins (PostgreSQL now()), before that chunk's rows are written.
         */
        double serverSeconds() {
            return Duration.between(batch.createdAt(), batch.completedAt()).toNanos() / 1e9;
        }
    }

    private final int count;
    private final boolean download;

    BatchBench(Options options) {
        this.count = options.requiredInt("count", 1);
        this.download = options.yesNo("download", true);
    }

    void run(Target target) {
        CustodyClient api = target.api();
        String tenant = api.createTenant("bench batch " + Instant.now());
        System.out.println("tenant    " + tenant);
        // After the tenant: its data key's KMS calls are not the batch's.
        SortedMap<String, Long> before = target.emulators().snapshot();
        Finished finished = createAccounts(api, tenant, count);
        SortedMap<String, Long> delta = EmulatorMetrics.delta(before, target.emulators().snapshot());

        int accounts = finished.batch().created();
        System.out.println("== batch result");
        System.out.printf("accounts        %,d%n", accounts);
        System.out.printf("elapsed         %.2f s (client: submit to the first poll that sees COMPLETED)%n",
                finished.clientSeconds());
        System.out.printf("                %.2f s (server: createdAt to completedAt, which is stamped as the last "
                + "chunk's transaction starts)%n", finished.serverSeconds());
        System.out.printf("throughput      %,.0f accounts/s (client), %,.0f accounts/s (server)%n",
                accounts / finished.clientSeconds(), accounts / finished.serverSeconds());
        System.out.println("== emulator calls during the batch");
        EmulatorMetrics.print(delta);
        printSecretsManagerCost(delta, accounts);
        if (download) {
            verifyByDownload(api, tenant, finished.batch());
        }
    }

    /**
     * Submits a batch and polls it until it finishes, printing progress. A FAILED batch ends the run.
     * Also the account setup of the signing benchmark.
     */
    static Finished createAccounts(CustodyClient api, String tenant, int count) {
        long start = System.nanoTime();
        Batch batch = api.submitBatch(tenant, count);
        System.out.printf("batch     %s: %,d accounts%n", batch.id(), count);
        long lastPrint = start;
        int lastCreated = 0;
        while (!batch.finished()) {
            Pause.forMillis(POLL_MILLIS);
            batch = api.batch(tenant, batch.id());
            long now = System.nanoTime();
            if (now - lastPrint >= PRINT_EVERY_NANOS || batch.finished()) {
                double seconds = (now - start) / 1e9;
                System.out.printf("  %7.1f s  created %,11d / %,d (%5.1f%%)  now %,8.0f/s  overall %,8.0f/s  %s%n",
                        seconds, batch.created(), batch.requested(), 100.0 * batch.created() / batch.requested(),
                        (batch.created() - lastCreated) / ((now - lastPrint) / 1e9), batch.created() / seconds,
                        batch.status());
                lastPrint = now;
                lastCreated = batch.created();
            }
        }
        double clientSeconds = (System.nanoTime() - start) / 1e9;
        if (batch.status().equals("FAILED")) {
            throw new BenchException(String.format("batch %s FAILED with %,d of %,d accounts created: %s",
                    batch.id(), batch.created(), batch.requested(), batch.failure()));
        }
        return new Finished(batch, clientSeconds);
    }

    /**
     * Secrets Manager bills each secret monthly and each API call once; the batch's counts are
     * scaled to a million accounts (the per-secret cost dominates: shards hold hundreds of keys).
     */
    private static void printSecretsManagerCost(Map<String, Long> delta, int accounts) {
        double scale = MILLION / accounts;
        long created = delta.getOrDefault("secretsmanager.CreateSecret", 0L);
        double secrets = created * scale;
        double writes = delta.entrySet().stream()
                .filter(e -> isSecretsManagerWrite(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum() * scale;
        System.out.println("== Secrets Manager at 1,000,000 accounts");
        System.out.printf("CreateSecret per 1,000,000 accounts: %,.0f%n", secrets);
        if (created > 0) {
            System.out.printf("accounts per secret: %,.1f (a batch's last shard is partly full: small batches "
                    + "overstate the secrets per million)%n", accounts / (double) created);
        }
        System.out.printf("secrets for 1,000,000 accounts at this rate: %,.0f secrets -> $%,.2f/month "
                + "($%.2f per secret per month)%n", secrets, secrets * DOLLARS_PER_SECRET_MONTH, DOLLARS_PER_SECRET_MONTH);
        System.out.printf("write API calls for 1,000,000 accounts: %,.0f -> $%,.2f once ($%.2f per 10,000 calls)%n",
                writes, writes / 10_000 * DOLLARS_PER_10K_CALLS, DOLLARS_PER_10K_CALLS);
    }

    private static boolean isSecretsManagerWrite(String operation) {
        if (!operation.startsWith("secretsmanager.")) {
            return false;
        }
        String action = operation.substring("secretsmanager.".length());
        return !(action.startsWith("Get") || action.startsWith("BatchGet") || action.startsWith("Describe")
                || action.startsWith("List"));
    }

    /** The listing must hold exactly the accounts the batch says it created. */
    private static void verifyByDownload(CustodyClient api, String tenant, Batch batch) {
        long[] chars = {0};
        long start = System.nanoTime();
        long lines = api.addresses(tenant, batch.id(), line -> chars[0] += line.length() + 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("== address download (NDJSON)");
        System.out.printf("lines           %,d in %.2f s: %,.0f lines/s, %.1f MB/s%n",
                lines, seconds, lines / seconds, chars[0] / seconds / 1e6);
        if (lines != batch.created() || batch.created() != batch.requested()) {
            throw new BenchException(String.format("count mismatch: requested %,d, batch created %,d, listing has %,d",
                    batch.requested(), batch.created(), lines));
        }
        System.out.printf("verified        the listing has exactly the %,d accounts requested%n", lines);
    }
}
