package io.custody.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sign --accounts A --clients C --duration S [--rate R] [--warmup W]}: C client threads sign
 * EIP-1559 transactions with A accounts of a new tenant, round robin, for W seconds of warm-up
 * (not recorded) and then S measured seconds.
 *
 * <p>Closed loop (no --rate): each client sends its next request when the previous one answers, so
 * the load follows the service's speed and latency is timed from the send. Open loop (--rate R):
 * request k is due at start + k/R, spread over the clients; a client that is late sends at once,
 * and latency is timed from the due time, so a slow answer also counts against the requests it
 * held up (no coordinated omission).
 *
 * <p>Requests sent (closed) or due (open) in the measured window make the request count, the
 * errors and the latencies, however late they answer: an open loop above the service's capacity
 * runs on until its backlog is answered. Throughput counts the answers that arrive inside the
 * window, which is what the service sustained whatever the schedule asked for.
 */
final class SignBench {

    static final Set<String> OPTIONS = Options.withCommon("accounts", "clients", "duration", "rate", "warmup",
            "policy-rules");
    private static final int DEFAULT_WARMUP_SECONDS = 5;
    private static final int MAX_SAMPLE_CHARS = 300;

    private final int accounts;
    private final int clients;
    private final int durationSeconds;
    private final int warmupSeconds;
    /** Requests per second in total, or 0 for a closed loop. */
    private final double rate;
    /** Rules of the tenant policy to sign under; 0 keeps the default allow-all policy. */
    private final int policyRules;

    SignBench(Options options) {
        this.accounts = options.requiredInt("accounts", 1);
        this.clients = options.requiredInt("clients", 1);
        this.durationSeconds = options.requiredInt("duration", 1);
        this.warmupSeconds = options.intValue("warmup", 0, DEFAULT_WARMUP_SECONDS);
        this.rate = options.has("rate") ? options.positiveDouble("rate") : 0;
        this.policyRules = options.intValue("policy-rules", 0, 0);
    }

    void run(Target target) {
        CustodyClient api = target.api();
        String tenant = api.createTenant("bench sign " + Instant.now());
        System.out.println("tenant    " + tenant);
        if (policyRules > 0) {
            api.putPolicy(tenant, policy(policyRules));
            System.out.printf("policy    %d rules; the benchmark's transactions match the last one%n", policyRules);
        }
        String batchId = BatchBench.createAccounts(api, tenant, accounts).batch().id();
        List<String> accountIds = new ArrayList<>(accounts);
        api.addresses(tenant, batchId, line -> accountIds.add(CustodyClient.json(line).path("id").asText()));
        if (accountIds.size() != accounts) {
            throw new BenchException("the batch lists " + accountIds.size() + " accounts, not " + accounts);
        }

        System.out.printf("== signing: %d clients, %s, %d s warm-up + %d s measured, %,d accounts round robin%n",
                clients, rate > 0 ? String.format("open loop at %,.1f requests/s", rate) : "closed loop",
                warmupSeconds, durationSeconds, accounts);
        Window window = new Window(System.nanoTime(), warmupSeconds, durationSeconds);
        Map<String, String> errorSamples = new ConcurrentHashMap<>();
        AtomicLong sequence = new AtomicLong();
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            all.add(new Client(i, api, tenant, accountIds, window, sequence, errorSamples));
        }
        SortedMap<String, Long> before;
        SortedMap<String, Long> after;
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            all.forEach(client -> running.add(threads.submit(client)));
            Pause.until(window.measureStart());
            before = target.emulators().snapshot();
            Pause.until(window.measureEnd());
            after = target.emulators().snapshot();
        } // waits for the requests still in flight
        for (Future<?> client : running) {
            try {
                client.get();
            } catch (ExecutionException e) {
                throw new BenchException("a client failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            }
        }
        report(window, all, errorSamples);
        System.out.println("== emulator calls during the measurement");
        EmulatorMetrics.print(EmulatorMetrics.delta(before, after));
    }

    private void report(Window window, List<Client> all, Map<String, String> errorSamples) {
        long[] latencies = LatencyRecorder.mergeSorted(all.stream().map(c -> c.latencies).toList());
        SortedMap<String, Long> errors = new TreeMap<>();
        all.forEach(client -> client.errors.forEach((key, n) -> errors.merge(key, n, Long::sum)));
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        long answered = all.stream().mapToLong(c -> c.answeredInWindow).sum();
        long answeredOk = all.stream().mapToLong(c -> c.okInWindow).sum();

        System.out.println("== signing result");
        System.out.printf("requests        %,d %s in the window (ok %,d, errors %,d)%n", latencies.length + errorCount,
                rate > 0 ? "due" : "sent", latencies.length, errorCount);
        errors.forEach((key, n) -> System.out.printf("  error %-12s %,d  e.g. %s%n", key, n, errorSamples.get(key)));
        System.out.printf("throughput      %,.1f answers/s in the window (ok %,.1f/s)%s%n",
                answered / (double) durationSeconds, answeredOk / (double) durationSeconds,
                rate > 0 ? String.format(", target %,.1f/s", rate) : "");
        if (rate > 0) {
            long maxLag = all.stream().mapToLong(c -> c.maxSendLagNanos).max().orElse(0);
            System.out.printf("send lag        max %,.1f ms behind schedule%s%n", millis(maxLag),
                    maxLag > 100_000_000L ? " (a client still awaited its previous answer; the latencies include "
                            + "that wait, more --clients shorten it)" : "");
            long lastAnswer = all.stream().mapToLong(c -> c.lastAnswerNanos).max().orElse(0);
            System.out.printf("drain           the window's last request answered %.2f s after the window%n",
                    Math.max(0, lastAnswer - window.measureEnd()) / 1e9);
        }
        if (latencies.length == 0) {
            System.out.println("latency         no successful request");
            return;
        }
        System.out.printf("latency ms      p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (successful requests, from %s)%n",
                millis(LatencyRecorder.percentile(latencies, 50)), millis(LatencyRecorder.percentile(latencies, 90)),
                millis(LatencyRecorder.percentile(latencies, 99)), millis(latencies[latencies.length - 1]),
                rate > 0 ? "the due time" : "the send");
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** The run's schedule in System.nanoTime(): warm-up from start, then the measured window. */
    private record Window(long start, long measureStart, long measureEnd) {

        Window(long start, int warmupSeconds, int durationSeconds) {
            this(start, start + warmupSeconds * 1_000_000_000L,
                    start + (warmupSeconds + (long) durationSeconds) * 1_000_000_000L);
        }
    }

    /** One client thread; its recorder and counters are read only after it has ended. */
    private final class Client implements Runnable {

        private final int index;
        private final CustodyClient api;
        private final String tenant;
        private final List<String> accountIds;
        private final Window window;
        private final AtomicLong sequence;
        private final Map<String, String> errorSamples;
        final LatencyRecorder latencies = new LatencyRecorder();
        final Map<String, Long> errors = new HashMap<>();
        long answeredInWindow;
        long okInWindow;
        long maxSendLagNanos;
        long lastAnswerNanos;

        Client(int index, CustodyClient api, String tenant, List<String> accountIds, Window window,
                AtomicLong sequence, Map<String, String> errorSamples) {
            this.index = index;
            this.api = api;
            this.tenant = tenant;
            this.accountIds = accountIds;
            this.window = window;
            this.sequence = sequence;
            this.errorSamples = errorSamples;
        }

        @Override
        public void run() {
            if (rate > 0) {
                openLoop();
            } else {
                closedLoop();
            }
        }

        private void closedLoop() {
            for (long sent = System.nanoTime(); sent < window.measureEnd(); sent = System.nanoTime()) {
                send(sequence.getAndIncrement(), sent);
            }
        }

        /** Request n of the run is due at start + n/rate; this client takes n = index, index + C, ... */
        private void openLoop() {
            for (long n = index; ; n += clients) {
                long due = window.start() + Math.round(n * 1e9 / rate);
                if (due >= window.measureEnd()) {
                    return;
                }
                Pause.until(due);
                long lag = System.nanoTime() - due;
                if (due >= window.measureStart() && lag > maxSendLagNanos) {
                    maxSendLagNanos = lag;
                }
                send(n, due);
            }
        }

        /**
         * Signs with account n mod A (its nonce: how often it signed before), timed from
         * {@code from}: the send, or the due time of an open loop.
         */
        private void send(long n, long from) {
            String accountId = accountIds.get((int) (n % accountIds.size()));
            int status = 0;
            String error;
            String sample;
            try {
                HttpResponse<String> response = api.sign(tenant, accountId, body(n / accountIds.size()));
                status = response.statusCode();
                error = String.valueOf(status);
                sample = response.body();
            } catch (HttpTimeoutException e) {
                error = "timeout";
                sample = "no answer within " + CustodyClient.TIMEOUT.toSeconds() + " s";
            } catch (IOException e) {
                error = "io";
                sample = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            }
            long answered = System.nanoTime();
            boolean ok = status == 200;
            if (answered >= window.measureStart() && answered < window.measureEnd()) {
                answeredInWindow++;
                okInWindow += ok ? 1 : 0;
            }
            if (from < window.measureStart()) {
                return; // warm-up
            }
            lastAnswerNanos = answered;
            if (ok) {
                latencies.add(answered - from);
            } else {
                errors.merge(error, 1L, Long::sum);
                errorSamples.putIfAbsent(error,
                        sample.length() > MAX_SAMPLE_CHARS ? sample.substring(0, MAX_SAMPLE_CHARS) + "..." : sample);
            }
        }
    }

    /**
     * A policy of {@code rules} rules that a request must get through, as a real one would: DENY
     * rules for other destinations and selectors, ALLOW rules for other chains, and last the ALLOW
     * rule that matches (chain 1, this destination, no call data, a value and fee cap, and an
     * account limit that a benchmark never reaches, so limits are read and recorded as well).
     */
    static String policy(int rules) {
        StringBuilder json = new StringBuilder("{\"rules\": [");
        for (int i = 0; i < rules - 1; i++) {
            String id = "rule-" + i;
            json.append(i % 2 == 0
                    ? "{\"id\": \"" + id + "\", \"effect\": \"DENY\", \"when\": {\"to\": [\"0x"
                            + String.format("%040x", 0xdead0000L + i) + "\"], \"methodSelectors\": [\"0x095ea7b3\"]}}"
                    : "{\"id\": \"" + id + "\", \"effect\": \"ALLOW\", \"when\": {\"chainIds\": [\"" + (1000 + i)
                            + "\"], \"maxValue\": \"1000000\"}}");
            json.append(", ");
        }
        json.append("{\"id\": \"mainnet-transfers\", \"effect\": \"ALLOW\", \"when\": {\"types\": "
                + "[\"eip1559_transaction\"], \"chainIds\": [\"1\"], \"to\": "
                + "[\"0x3535353535353535353535353535353535353535\"], \"methodSelectors\": [\"0x\"], \"maxValue\": "
                + "\"1000000000000000000\", \"maxFeePerGas\": \"100000000000\"}, \"limits\": [{\"scope\": "
                + "\"account\", \"window\": \"24h\", \"maxCount\": 100000000}]}]}");
        return json.toString();
    }

    /** The EIP-1559 transaction of the API guide, with the given nonce. */
    private static String body(long nonce) {
        return "{\"type\":\"eip1559_transaction\",\"transaction\":{\"chainId\":\"1\",\"nonce\":\"" + nonce + "\","
                + "\"to\":\"0x3535353535353535353535353535353535353535\",\"value\":\"1000\",\"gasLimit\":\"21000\","
                + "\"maxFeePerGas\":\"30000000000\",\"maxPriorityFeePerGas\":\"1000000000\"}}";
    }
}
