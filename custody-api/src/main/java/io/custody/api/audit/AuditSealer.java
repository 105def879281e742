package io.custody.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Seals audit events into their chains (ARCHITECTURE.md §7). Requests insert events unsealed, so
 * the hot path never waits on a chain head; this job then gives each new event its chain's next
 * sequence number, {@code prev_hash} and {@code hash}, a batch at a time, and moves the chain
 * heads in the same transaction. One sealer runs at a time across all instances (a
 * transaction-scoped advisory lock). Chain order is sealing order: an event whose transaction
 * commits late is sealed late, never skipped. The time from an event to its seal is recorded as
 * the timer {@code custody.audit.seal.lag}.
 */
@ApplicationScoped
public class AuditSealer {
    private static final Logger LOG = Logger.getLogger(AuditSealer.class);
    /** The advisory lock that makes the sealer single: "custody" + 1. */
    static final long LOCK_KEY = 0x637573746f647901L;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "custody.audit.seal-batch-size", defaultValue = "5000")
    int batchSize;

    private Timer lag;

    @PostConstruct
    void metrics() {
        lag = Timer.builder("custody.audit.seal.lag")
                .description("Time from an audit event's occurrence to its sealing into the hash chain")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Scheduled(every = "${custody.audit.seal-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            while (sealBatch() == batchSize) {
                // a full batch: more may be waiting
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "Sealing audit events failed; the next run retries");
        }
    }

    /**
     * Seals up to one batch of unsealed events.
     *
     * @return how many were sealed; 0 also when another sealer holds the lock
     */
    public int sealBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sealed = sealBatch(connection);
                connection.commit();
                return sealed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int sealBatch(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<AuditChain.Event> events = unsealed(connection);
        if (events.isEmpty()) {
            return 0;
        }
        Map<UUID, Head> heads = heads(connection, events);
        Instant now = Instant.now();
        try (PreparedStatement seal = connection.prepareStatement("""
                UPDATE audit_events SET seq = ?, prev_hash = ?, hash = ?
                WHERE occurred_at = ? AND id = ? AND seq IS NULL""")) {
            for (AuditChain.Event event : events) {
                Head head = heads.get(event.chainId());
                long seq = head.seq() + 1;
                byte[] hash = AuditChain.hash(head.hash(), event, seq);
                seal.setLong(1, seq);
                seal.setBytes(2, head.hash());
                seal.setBytes(3, hash);
                seal.setTimestamp(4, Timestamp.from(event.occurredAt()));
                seal.setObject(5, event.id());
                seal.addBatch();
                heads.put(event.chainId(), new Head(seq, hash, true));
            }
            for (int updated : seal.executeBatch()) {
                if (updated != 1) { // only this sealer sets seq, under the lock
                    throw new IllegalStateException("an audit event changed while it was being sealed");
                }
            }
        }
        moveHeads(connection, heads);
        for (AuditChain.Event event : events) {
            lag.record(Duration.between(event.occurredAt(), now));
        }
        return events.size();
    }

    private List<AuditChain.Event> unsealed(Connection connection) throws SQLException {
        List<AuditChain.Event> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + AuditRows.COLUMNS
                + " FROM audit_events WHERE seq IS NULL ORDER BY occurred_at, id LIMIT ?")) {
            select.setInt(1, batchSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(AuditRows.read(rows, mapper));
                }
            }
        }
        return events;
    }

    /** A chain's last sealed position; {@code moved} when this batch advanced it. */
    private record Head(long seq, byte[] hash, boolean moved) {
    }

    private static Map<UUID, Head> heads(Connection connection, List<AuditChain.Event> events) throws SQLException {
        Map<UUID, Head> heads = new LinkedHashMap<>();
        for (AuditChain.Event event : events) {
            heads.putIfAbsent(event.chainId(), new Head(0, AuditChain.genesis(), false));
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT chain_id, seq, hash FROM audit_chain_heads WHERE chain_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", heads.keySet().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    heads.put(rows.getObject(1, UUID.class), new Head(rows.getLong(2), rows.getBytes(3), false));
                }
            }
        }
        return heads;
    }

    private static void moveHeads(Connection connection, Map<UUID, Head> heads) throws SQLException {
        Map<UUID, Head> moved = new HashMap<>();
        heads.forEach((chain, head) -> {
            if (head.moved()) {
                moved.put(chain, head);
            }
        });
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO audit_chain_heads (chain_id, seq, hash, sealed_at) VALUES (?, ?, ?, now())
                ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, sealed_at = now()""")) {
            for (Map.Entry<UUID, Head> entry : moved.entrySet()) {
                upsert.setObject(1, entry.getKey());
                upsert.setLong(2, entry.getValue().seq());
                upsert.setBytes(3, entry.getValue().hash());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
