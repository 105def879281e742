package io.custody.api.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.api.audit.AuditLog;
import io.custody.api.enclave.EnclaveGateway;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.keystore.KeyStore;
import io.custody.api.keystore.KeyStoreException;
import io.custody.api.keystore.ShardEntry;
import io.custody.api.keystore.ShardFormat;
import io.custody.api.keystore.StoredShard;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages;
import io.custody.model.Ids;
import io.custody.model.audit.AuditOutcome;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs account batches in the background, in chunks of one shard each.
 *
 * <p>A batch is claimed with a lease ({@code FOR UPDATE SKIP LOCKED}, so instances never run the
 * same batch). A chunk: the enclave generates the keys, the key store makes the shard durable,
 * then one transaction checks that the tenant is active and the lease still ours, adds the
 * chunk to {@code created} (which hands it the next contiguous range of label numbers), inserts
 * the shard row and COPYs the accounts. So {@code created} is always exactly the number of
 * committed accounts: a crash loses only uncommitted chunks (their shards are unreferenced, the
 * sweeper's), and whoever claims the batch after its lease lapses creates exactly the rest.
 *
 * <p>Transient failures (signer or key store unavailable, a lost connection) retry the chunk with
 * fresh keys and exponential backoff; once attempts run out, or on a permanent failure, the batch
 * is FAILED with the code and the count created so far.
 */
@ApplicationScoped
public class BatchRunner {
    private static final Logger LOG = Logger.getLogger(BatchRunner.class);
    static final String ACTOR = "system:account-batches";

    @Inject
    DataSource dataSource;

    @Inject
    EnclaveGateway enclave;

    @Inject
    KeyStore keyStore;

    @Inject
    BatchSettings settings;

    @Inject
    ObjectMapper mapper;

    /** Entries per shard, and so accounts per chunk; by default as many as fit in one secret. */
    @ConfigProperty(name = "custody.keystore.entries-per-shard")
    Optional<Integer> entriesPerShard;

    private final String owner = hostName() + "/" + UUID.randomUUID();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private ExecutorService batchThreads;
    private ExecutorService chunkThreads;
    private int chunkSize;

    /** A claimed batch: what the runner needs to know about it. */
    record Claimed(UUID id, UUID tenantId, int requested, int created, String labelPrefix) {
    }

    void start(@Observes StartupEvent event) {
        int maxEntries = ShardFormat.maxEntries(ShardEntry.SECP256K1_WRAPPED_KEY);
        chunkSize = entriesPerShard.orElse(maxEntries);
        if (chunkSize < 1 || chunkSize > maxEntries) {
            throw new IllegalStateException("custody.keystore.entries-per-shard must be 1.." + maxEntries + ", got " + chunkSize);
        }
        batchThreads = Executors.newFixedThreadPool(settings.concurrent(), Thread.ofPlatform().name("batch-", 0).factory());
        chunkThreads = Executors.newFixedThreadPool(settings.concurrent() * settings.chunksInFlight(),
                Thread.ofPlatform().name("batch-chunk-", 0).factory());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (batchThreads != null) {
            batchThreads.shutdown();
            chunkThreads.shutdown();
            try {
                // Chunks in flight finish (or fail) and their batches release their leases.
                batchThreads.awaitTermination(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Picks up batches that are waiting, or whose lease lapsed, on this or a crashed instance. */
    @Scheduled(every = "${custody.batches.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Claims waiting batches while this instance has room for them. */
    public synchronized void wake() {
        if (batchThreads == null || stopping) {
            return;
        }
        while (running.get() < settings.concurrent()) {
            Claimed batch;
            try {
                batch = claim();
            } catch (SQLException e) {
                LOG.warnf(e, "Could not claim an account batch");
                return;
            }
            if (batch == null) {
                return;
            }
            running.incrementAndGet();
            batchThreads.execute(() -> {
                try {
                    run(batch);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Account batch %s stopped unexpectedly", batch.id());
                } finally {
                    running.decrementAndGet();
                }
                wake();
            });
        }
    }

    private Claimed claim() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE account_batches SET status = 'RUNNING', lease_owner = ?,
                               lease_expires_at = now() + make_interval(secs => ?), updated_at = now()
                        WHERE id = (SELECT id FROM account_batches
                                    WHERE status IN ('PENDING', 'RUNNING')
                                      AND (lease_expires_at IS NULL OR lease_expires_at < now())
                                    ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING id, tenant_id, requested, created, label_prefix""")) {
            update.setString(1, owner);
            update.setDouble(2, leaseSeconds());
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Claimed batch = new Claimed(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getInt(3),
                        row.getInt(4), row.getString(5));
                LOG.infof("Account batch %s claimed at %d of %d accounts", batch.id(), batch.created(), batch.requested());
                return batch;
            }
        }
    }

    void run(Claimed batch) {
        DataKeyRef dek;
        try {
            dek = activeDataKey(batch.tenantId());
        } catch (SQLException e) {
            LOG.warnf(e, "Account batch %s: cannot read the tenant's data key; it will be retried", batch.id());
            release(batch);
            return;
        }
        Deque<Future<Integer>> inFlight = new ArrayDeque<>();
        long planned = batch.created();
        Throwable failure = null;
        while (true) {
            while (failure == null && !stopping && inFlight.size() < settings.chunksInFlight() && planned < batch.requested()) {
                int size = (int) Math.min(chunkSize, batch.requested() - planned);
                planned += size;
                try {
                    inFlight.add(chunkThreads.submit(() -> chunkWithRetries(batch, dek, size)));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    planned -= size; // shutting down
                    break;
                }
            }
            Future<Integer> next = inFlight.poll();
            if (next == null) {
                break;
            }
            try {
                next.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure == null) {
            if (stopping) {
                release(batch);
            }
            return; // the last chunk's commit completed the batch
        }
        if (failure instanceof LeaseLost) {
            LOG.warnf("Account batch %s: lease lost to another instance; stopping here", batch.id());
        } else if (stopping || failure instanceof InterruptedException) {
            release(batch);
        } else {
            fail(batch, failure);
        }
    }

    /** Thrown when a commit finds the batch no longer leased to this instance. */
    static final class LeaseLost extends Exception {
        LeaseLost(UUID batchId) {
            super("the lease on batch " + batchId + " is no longer ours");
        }
    }

    /** Thrown when the tenant was suspended while its batch ran. */
    static final class TenantNotActive extends Exception {
        TenantNotActive() {
            super("the tenant is suspended");
        }
    }

    private int chunkWithRetries(Claimed batch, DataKeyRef dek, int size) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return chunk(batch, dek, size);
            } catch (Exception e) {
                if (!isTransient(e) || attempt >= settings.maxAttempts() || stopping) {
                    throw e;
                }
                long pause = settings.retryBackoff().toMillis() << Math.min(attempt - 1, 10);
                LOG.warnf("Account batch %s: chunk attempt %d failed (%s); retrying in %d ms", batch.id(), attempt, e, pause);
                Thread.sleep(pause);
                renewLease(batch);
            }
        }
    }

    /** One chunk: keys from the enclave, a durable shard, then one transaction for its rows. */
    private int chunk(Claimed batch, DataKeyRef dek, int size) throws Exception {
        List<UUID> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(Ids.newId());
        }
        List<Messages.CreatedAccount> accounts = enclave.createAccounts(batch.tenantId(), dek, ids);
        if (accounts.size() != size) {
            throw new IllegalStateException("the signer returned " + accounts.size() + " accounts for " + size);
        }
        List<ShardEntry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Messages.CreatedAccount account = accounts.get(i);
            if (!account.accountId().equals(ids.get(i))) {
                throw new IllegalStateException("the signer answered for another account");
            }
            entries.add(new ShardEntry(account.accountId(), account.wrappedKey()));
        }
        StoredShard shard = keyStore.store(batch.tenantId(), dek.version(), Ids.newId(), entries);
        commit(batch, dek.version(), shard, accounts);
        return size;
    }

    /**
     * SHA-256 of the batch's addresses, 20 bytes each, concatenated in ascending byte order: what an
     * auditor recomputes from the address download to tie the audit trail to the accounts.
     */
    private static String addressesDigest(Connection connection, UUID tenantId, UUID batchId) throws SQLException {
        try (PreparedStatement digest = connection.prepareStatement("""
                SELECT encode(sha256(coalesce(string_agg(address, ''::bytea ORDER BY address), ''::bytea)), 'hex')
                FROM accounts WHERE tenant_id = ? AND batch_id = ?""")) {
            digest.setObject(1, tenantId);
            digest.setObject(2, batchId);
            try (ResultSet row = digest.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void commit(Claimed batch, int dekVersion, StoredShard shard, List<Messages.CreatedAccount> accounts)
            throws Exception {
        int size = accounts.size();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // Tenant first, then the batch: the order every writer of both takes.
                try (PreparedStatement tenant = connection.prepareStatement(
                        "SELECT status FROM tenants WHERE id = ? FOR SHARE")) {
                    tenant.setObject(1, batch.tenantId());
                    try (ResultSet row = tenant.executeQuery()) {
                        if (!row.next() || !"ACTIVE".equals(row.getString(1))) {
                            throw new TenantNotActive();
                        }
                    }
                }
                int createdAfter;
                boolean completed;
                try (PreparedStatement advance = connection.prepareStatement("""
                        UPDATE account_batches SET
                               created = created + ?,
                               status = CASE WHEN created + ? = requested THEN 'COMPLETED' ELSE status END,
                               completed_at = CASE WHEN created + ? = requested THEN now() END,
                               lease_owner = CASE WHEN created + ? = requested THEN NULL ELSE lease_owner END,
                               lease_expires_at = CASE WHEN created + ? = requested THEN NULL
                                                       ELSE now() + make_interval(secs => ?) END,
                               updated_at = now()
                        WHERE id = ? AND lease_owner = ? AND status = 'RUNNING' AND created + ? <= requested
                        RETURNING created, status""")) {
                    for (int i = 1; i <= 5; i++) {
                        advance.setInt(i, size);
                    }
                    advance.setDouble(6, leaseSeconds());
                    advance.setObject(7, batch.id());
                    advance.setString(8, owner);
                    advance.setInt(9, size);
                    try (ResultSet row = advance.executeQuery()) {
                        if (!row.next()) {
                            throw new LeaseLost(batch.id());
                        }
                        createdAfter = row.getInt(1);
                        completed = "COMPLETED".equals(row.getString(2));
                    }
                }
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                AccountRows.insertShard(connection, batch.tenantId(), dekVersion, shard, now);
                AccountRows.copyAccounts(connection, batch.tenantId(), batch.id(), dekVersion, shard, accounts,
                        batch.labelPrefix(), createdAfter - size + 1L, now);
                if (completed) {
                    AuditLog.insert(connection, batch.tenantId(), ACTOR, "account_batch.complete", "account_batch",
                            batch.id(), AuditOutcome.SUCCESS, null, json(Map.of("requested", batch.requested(),
                                    "created", createdAfter,
                                    "addressesSha256", addressesDigest(connection, batch.tenantId(), batch.id()))));
                }
                connection.commit();
                if (completed) {
                    LOG.infof("Account batch %s completed: %d accounts", batch.id(), createdAfter);
                }
            } catch (Exception e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private void renewLease(Claimed batch) throws SQLException, LeaseLost {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement renew = connection.prepareStatement("""
                        UPDATE account_batches SET lease_expires_at = now() + make_interval(secs => ?), updated_at = now()
                        WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'""")) {
            renew.setDouble(1, leaseSeconds());
            renew.setObject(2, batch.id());
            renew.setString(3, owner);
            if (renew.executeUpdate() == 0) {
                throw new LeaseLost(batch.id());
            }
        }
    }

    /** Gives the batch back (on shutdown), so that the next instance to look resumes it at once. */
    private void release(Claimed batch) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement("""
                        UPDATE account_batches SET lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
                        WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'""")) {
            release.setObject(1, batch.id());
            release.setString(2, owner);
            release.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf(e, "Account batch %s: could not release its lease; it resumes when the lease lapses", batch.id());
        }
    }

    private void fail(Claimed batch, Throwable cause) {
        ErrorCode code = failureCode(cause);
        String detail = switch (code) {
            case TENANT_SUSPENDED -> "The tenant was suspended while the batch ran.";
            case SIGNER_UNAVAILABLE -> "The signer stayed unavailable through " + settings.maxAttempts() + " attempts.";
            case KEY_STORE_UNAVAILABLE -> "The key store stayed unavailable through " + settings.maxAttempts() + " attempts.";
            case KEY_SERVICE_FAILURE -> "The key service refused or failed the request.";
            default -> "The batch stopped on an internal error; quote the batch id when reporting it.";
        };
        LOG.errorf(cause, "Account batch %s failed: %s", batch.id(), code);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE account_batches SET status = 'FAILED', failure_code = ?, failure_detail = ?,
                           completed_at = now(), lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
                    WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'
                    RETURNING created""")) {
                update.setString(1, code.name());
                update.setString(2, detail);
                update.setObject(3, batch.id());
                update.setString(4, owner);
                try (ResultSet row = update.executeQuery()) {
                    if (row.next()) {
                        Map<String, Object> details = new LinkedHashMap<>();
                        details.put("requested", batch.requested());
                        details.put("created", row.getInt(1));
                        details.put("failureCode", code.name());
                        AuditLog.insert(connection, batch.tenantId(), ACTOR, "account_batch.fail", "account_batch",
                                batch.id(), AuditOutcome.FAILURE, null, json(details));
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            LOG.warnf(e, "Account batch %s: could not record its failure; it resumes when the lease lapses", batch.id());
        }
    }

    static ErrorCode failureCode(Throwable cause) {
        if (cause instanceof TenantNotActive) {
            return ErrorCode.TENANT_SUSPENDED;
        }
        if (cause instanceof ApiException api) {
            return switch (api.code()) {
                case SIGNER_UNAVAILABLE, KEY_SERVICE_FAILURE -> api.code();
                default -> ErrorCode.INTERNAL_ERROR;
            };
        }
        if (cause instanceof KeyStoreException store && store.reason() == KeyStoreException.Reason.UNAVAILABLE) {
            return ErrorCode.KEY_STORE_UNAVAILABLE;
        }
        return ErrorCode.INTERNAL_ERROR;
    }

    static boolean isTransient(Throwable e) {
        if (e instanceof ApiException api) {
            return api.code() == ErrorCode.SIGNER_UNAVAILABLE;
        }
        if (e instanceof KeyStoreException store) {
            return store.reason() == KeyStoreException.Reason.UNAVAILABLE;
        }
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            // Connection failures, serialization failures and deadlocks: the transaction did not commit.
            return state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01"));
        }
        return false;
    }

    private DataKeyRef activeDataKey(UUID tenantId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT version, kms_key_id, ciphertext FROM tenant_data_keys
                        WHERE tenant_id = ? AND status = 'ACTIVE'""")) {
            select.setObject(1, tenantId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("tenant " + tenantId + " has no active data key");
                }
                return new DataKeyRef(row.getInt(1), row.getString(2), row.getBytes(3));
            }
        }
    }

    private double leaseSeconds() {
        return settings.lease().toMillis() / 1000.0;
    }

    private String json(Map<String, Object> details) {
        try {
            return mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debugf(e, "rollback failed");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
