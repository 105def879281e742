package io.custody.api.keystore;

import io.custody.awslocal.LocalAws;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * An embedded Secrets Manager emulator with a settable clock, and a real SDK v2 client for it
 * that retries like production (standard strategy, 3 attempts) but with millisecond back-off.
 */
final class LocalSecrets implements AutoCloseable {

    static final int MAX_ATTEMPTS = 3;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final LocalAws aws;
    final SecretsManagerClient client;

    private LocalSecrets() throws IOException {
        aws = LocalAws.builder().clock(clock).build().start();
        BackoffStrategy fast = BackoffStrategy.exponentialDelay(Duration.ofMillis(2), Duration.ofMillis(20));
        client = SecretsManagerClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIATEST", "not-checked-by-the-emulator")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .backoffStrategy(fast)
                        .throttlingBackoffStrategy(fast)
                        .circuitBreakerEnabled(false)
                        .build()))
                .build();
    }

    static LocalSecrets start() throws IOException {
        return new LocalSecrets();
    }

    /** A prefix no other test uses, so tests can share one emulator. */
    static String freshPrefix() {
        return "custody/t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** Requests of one Secrets Manager operation since the last reset (retries included). */
    long calls(String operation) {
        return aws.metrics().getOrDefault("secretsmanager." + operation, 0L);
    }

    long allCalls() {
        return aws.metrics().values().stream().mapToLong(Long::longValue).sum();
    }

    List<SecretListEntry> list(String namePrefix) {
        return client.listSecretsPaginator(r -> r.filters(
                        Filter.builder().key(FilterNameStringType.NAME).values(namePrefix).build()))
                .stream().flatMap(page -> page.secretList().stream()).toList();
    }

    @Override
    public void close() {
        client.close();
        aws.close();
    }

    /** A clock tests move by hand; the emulator stamps CreatedDate with it. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
