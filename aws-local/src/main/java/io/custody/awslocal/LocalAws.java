package io.custody.awslocal;

import io.custody.awslocal.http.AwsJsonServer;
import io.custody.awslocal.http.FaultInjector;
import io.custody.awslocal.http.Metrics;
import io.custody.awslocal.http.PrincipalResolver;
import io.custody.awslocal.kms.KmsHandler;
import io.custody.awslocal.kms.KmsSettings;
import io.custody.awslocal.secrets.SecretsHandler;
import io.custody.awslocal.secrets.SecretsSettings;
import io.custody.awslocal.store.DataDir;
import io.custody.awslocal.store.Journal;
import io.custody.awslocal.store.MemoryJournal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Local KMS and Secrets Manager emulators on one HTTP port, for dev and test only.
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.builder()
 *         .principal("AKIAPARENT", "arn:aws:iam::111122223333:role/parent")
 *         .attestationCheck(myVerifier)
 *         .dataDir(Path.of("target/aws-local"))   // omit for in-memory
 *         .build()
 *         .start()) {
 *     KmsClient kms = KmsClient.builder().endpointOverride(aws.endpoint())...;
 * }
 * }</pre>
 */
public final class LocalAws implements AutoCloseable {

    private final Builder config;
    private final Metrics metrics = new Metrics();
    private final FaultInjector faults = new FaultInjector();
    private DataDir dataDir;
    private Journal kmsJournal;
    private Journal secretsJournal;
    private AwsJsonServer server;

    private LocalAws(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Replays the data dir (if any) and starts serving. Returns {@code this}. */
    public synchronized LocalAws start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            if (config.dataDir != null) {
                dataDir = DataDir.open(config.dataDir);
                kmsJournal = dataDir.journal("kms");
                secretsJournal = dataDir.journal("secretsmanager");
            } else {
                kmsJournal = new MemoryJournal();
                secretsJournal = new MemoryJournal();
            }
            KmsHandler kms = new KmsHandler(
                    new KmsSettings(config.region, config.account, config.attestationCheck, config.clock), kmsJournal);
            SecretsHandler secrets = new SecretsHandler(
                    new SecretsSettings(config.region, config.account, config.clock), secretsJournal);
            server = new AwsJsonServer(config.host, config.port, List.of(kms, secrets),
                    new PrincipalResolver(config.principals), metrics, faults, new ErrorMapping());
            server.start();
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}: the endpointOverride for the AWS SDK clients. */
    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.endpoint();
    }

    public String region() {
        return config.region;
    }

    public String account() {
        return config.account;
    }

    /** Requests per operation since start or the last reset, e.g. {@code {"kms.Decrypt": 12}}. */
    public SortedMap<String, Long> metrics() {
        return metrics.snapshot();
    }

    public void resetMetrics() {
        metrics.reset();
    }

    /** Add or clear fault rules at runtime (also reachable at {@code /_emulator/faults}). */
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        closeQuietly(kmsJournal);
        closeQuietly(secretsJournal);
        closeQuietly(dataDir);
        kmsJournal = null;
        secretsJournal = null;
        dataDir = null;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.getLogger(LocalAws.class.getName()).log(System.Logger.Level.WARNING, "close failed", e);
        }
    }

    /** Configuration; every option has a default. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = 0;
        private String region = "us-east-1";
        private String account = "111122223333";
        private Path dataDir;
        private final Map<String, String> principals = new LinkedHashMap<>();
        private AttestationCheck attestationCheck = AttestationCheck.rejectAll();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Interface to bind; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** TCP port; default 0 (an ephemeral port, see {@link LocalAws#endpoint()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Region in ARNs; default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Account id in ARNs and of the default key policy's root principal; default {@code 111122223333}. */
        public Builder account(String account) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("account must be 12 digits");
            }
            this.account = account;
            return this;
        }

        /** Persist state in this directory (write-ahead journals, replayed on start). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Keep state in memory only (the default). */
        public Builder inMemory() {
            this.dataDir = null;
            return this;
        }

        /**
         * Maps a SigV4 access key id to the principal ARN that key policies see. Requests signed
         * with an unmapped key, or unsigned, are anonymous: they match only {@code "Principal": "*"}.
         */
        public Builder principal(String accessKeyId, String principalArn) {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            if (!Objects.requireNonNull(principalArn, "principalArn").startsWith("arn:")) {
                throw new IllegalArgumentException("principalArn must be an ARN");
            }
            principals.put(accessKeyId, principalArn);
            return this;
        }

        /** Verifies Recipient attestation documents; default: reject every document. */
        public Builder attestationCheck(AttestationCheck attestationCheck) {
            this.attestationCheck = Objects.requireNonNull(attestationCheck, "attestationCheck");
            return this;
        }

        /** Time source for creation dates, key deletion and secret recovery windows. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public LocalAws build() {
            return new LocalAws(this);
        }
    }
}
