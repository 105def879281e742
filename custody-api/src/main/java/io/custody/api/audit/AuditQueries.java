package io.custody.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.Csv;
import io.custody.api.http.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;

/**
 * Reads the audit trail: filtered pages, streamed exports, and verification of a chain. All of it
 * plain JDBC: exports hold one row at a time (a server-side cursor), whatever their size.
 */
@ApplicationScoped
public class AuditQueries {
    private static final int FETCH_SIZE = 5_000;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    public enum Format { NDJSON, CSV }

    /** 404 for a tenant that does not exist, before a stream starts. */
    public void requireTenant(UUID tenantId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT 1 FROM tenants WHERE id = ?")) {
            select.setObject(1, tenantId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.tenantNotFound();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tenant", e);
        }
    }

    public Page<AuditEventView> page(AuditFilter filter, AuditCursor after, int limit) {
        List<AuditEventView> items = new ArrayList<>(limit + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = select(connection, AuditRows.COLUMNS, filter, after, limit + 1)) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(AuditEventView.of(AuditRows.read(rows, mapper)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read audit events", e);
        }
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        items.removeLast();
        AuditEventView last = items.getLast();
        return new Page<>(items, new AuditCursor(java.time.Instant.parse(last.occurredAt()), last.id()).encode());
    }

    /**
     * The columns of an export, formatted by PostgreSQL as the API shows them, so that a row becomes
     * a line without parsing: {@code details} is passed through as the JSON text jsonb prints.
     */
    private static final String EXPORT_COLUMNS = """
            seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), id::text, tenant_id::text,
            actor, action, resource_type, resource_id, outcome, request_id, details::text, encode(prev_hash, 'hex'),
            encode(hash, 'hex')""";

    /**
     * An NDJSON line per event, built by PostgreSQL: the members of {@link AuditEventView} in its
     * order (json_build_object keeps it), jsonb details embedded as JSON.
     */
    private static final String NDJSON_LINE = """
            json_build_object('id', id, 'tenantId', tenant_id, 'seq', seq,
                'occurredAt', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'actor', actor, 'action', action, 'resourceType', resource_type, 'resourceId', resource_id,
                'outcome', outcome, 'requestId', request_id, 'details', details,
                'prevHash', encode(prev_hash, 'hex'), 'hash', encode(hash, 'hex'))::text""";

    /** Writes every matching event after {@code after}, one line each, never holding more than a buffer. */
    public void export(AuditFilter filter, AuditCursor after, Format format, OutputStream output) throws IOException {
        if (format == Format.NDJSON) {
            exportNdjson(filter, after, output);
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // the PostgreSQL driver streams with a cursor only in a transaction
            try (PreparedStatement select = select(connection, EXPORT_COLUMNS, filter, after, 0)) {
                select.setFetchSize(FETCH_SIZE);
                Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
                out.write("seq,occurredAt,id,tenantId,actor,action,resourceType,resourceId,outcome,requestId,"
                        + "details,prevHash,hash\r\n");
                StringBuilder line = new StringBuilder(512);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        line.setLength(0);
                        csvLine(rows, line);
                        out.append(line);
                    }
                }
                out.flush();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("cannot read audit events", e);
        }
    }

    /**
     * NDJSON through {@code COPY ... TO STDOUT}: PostgreSQL writes the lines and streams them while
     * this side copies bytes to the response, so the database and the API work at once rather than
     * in turns. CSV mode with a quote and a delimiter that JSON text never holds raw (control
     * characters are escaped in JSON) passes each line through unchanged.
     */
    private void exportNdjson(AuditFilter filter, AuditCursor after, OutputStream output) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            BaseConnection pg = connection.unwrap(BaseConnection.class);
            AuditFilter.Literal quote = value -> literal(pg, value);
            StringBuilder matching = new StringBuilder("SELECT * FROM audit_events WHERE ")
                    .append(filter.whereLiterals(quote));
            if (after != null) {
                matching.append(" AND (occurred_at, id) > (").append(quote.literal(Timestamp.from(after.occurredAt())))
                        .append(", ").append(quote.literal(after.id())).append(')');
            }
            String sql = "COPY (SELECT " + NDJSON_LINE + " FROM " + source(filter, matching)
                    + " ORDER BY occurred_at, id) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')";
            OutputStream buffered = new java.io.BufferedOutputStream(output, 64 * 1024);
            new CopyManager(pg).copyOut(sql, buffered);
            buffered.flush();
        } catch (SQLException e) {
            throw new IOException("cannot read audit events", e);
        }
    }

    private static String literal(BaseConnection pg, Object value) {
        try {
            return switch (value) {
                case UUID id -> "'" + id + "'::uuid";
                case Timestamp time -> "'" + time.toInstant() + "'::timestamptz";
                case String text -> Utils.escapeLiteral(new StringBuilder("'"), text, pg.getStandardConformingStrings())
                        .append('\'').toString();
                default -> throw new IllegalArgumentException("no SQL literal for " + value.getClass());
            };
        } catch (SQLException e) {
            throw new IllegalArgumentException("not a valid SQL string", e);
        }
    }

    private static void csvLine(ResultSet row, StringBuilder line) throws SQLException {
        String seq = row.getString(1);
        line.append(seq == null ? "" : seq);
        for (int column = 2; column <= 13; column++) {
            line.append(',').append(Csv.field(row.getString(column)));
        }
        line.append("\r\n");
    }

    /**
     * The rows to order and page. A transaction hash selects one or two events among millions, but
     * PostgreSQL cannot estimate that for a JSON member: left alone it walks the tenant's events in
     * time order looking for them (8 s over 10,000,000 events). Behind an OFFSET 0 fence it finds
     * them by their index first, then orders the few.
     */
    private static String source(AuditFilter filter, CharSequence matching) {
        return filter.transactionHash() != null ? "(" + matching + " OFFSET 0) AS matching"
                : "(" + matching + ") AS matching";
    }

    /** {@code limit} 0: no limit. */
    private static PreparedStatement select(Connection connection, String columns, AuditFilter filter,
            AuditCursor after, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder matching = new StringBuilder("SELECT * FROM audit_events WHERE ").append(filter.where(params));
        if (after != null) {
            matching.append(" AND (occurred_at, id) > (?, ?)");
            params.add(Timestamp.from(after.occurredAt()));
            params.add(after.id());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(source(filter, matching))
                .append(" ORDER BY occurred_at, id");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return statement;
    }

    /**
     * The result of recomputing a chain over a range of sequence numbers.
     *
     * @param checked         events whose hash and link were recomputed and found right
     * @param headSeq         the chain's last sealed sequence number (0: nothing sealed yet)
     * @param firstInvalidSeq the first position found wrong
     * @param reason          {@code altered} (the event's content no longer gives its hash),
     *                        {@code missing} (no event holds this position), {@code duplicate}
     *                        (two events hold it), {@code broken-link} (its prev_hash is not the
     *                        previous event's hash), {@code head-mismatch} (the chain head
     *                        records another hash for its last event)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(boolean valid, long checked, long fromSeq, long toSeq, long headSeq,
            Long firstInvalidSeq, String reason) {
    }

    /** Recomputes the chain of {@code chainId} from {@code fromSeq} to {@code toSeq} (null: its head). */
    public Verification verify(UUID chainId, Long fromSeq, Long toSeq) {
        long from = fromSeq == null ? 1 : fromSeq;
        if (from < 1) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "fromSeq", "fromSeq must be 1 or more.");
        }
        if (toSeq != null && toSeq < from) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "toSeq", "toSeq must not be below fromSeq.");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot throughout
            try {
                return verify(connection, chainId, from, toSeq);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot verify the audit chain", e);
        }
    }

    private Verification verify(Connection connection, UUID chainId, long from, Long toSeq) throws SQLException {
        long headSeq = 0;
        byte[] headHash = null;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT seq, hash FROM audit_chain_heads WHERE chain_id = ?")) {
            head.setObject(1, chainId);
            try (ResultSet row = head.executeQuery()) {
                if (row.next()) {
                    headSeq = row.getLong(1);
                    headHash = row.getBytes(2);
                }
            }
        }
        long to = toSeq == null ? headSeq : Math.min(toSeq, headSeq);
        if (to < from) {
            return new Verification(true, 0, from, to, headSeq, null, null);
        }
        String chain = AuditChain.PLATFORM_CHAIN.equals(chainId) ? "tenant_id IS NULL" : "tenant_id = ?";
        byte[] expectedPrev = from == 1 ? AuditChain.genesis() : previousHash(connection, chain, chainId, from);
        long expected = from;
        long checked = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + AuditRows.COLUMNS
                + " FROM audit_events WHERE " + chain + " AND seq BETWEEN ? AND ? ORDER BY seq")) {
            select.setFetchSize(FETCH_SIZE);
            int i = 1;
            if (!AuditChain.PLATFORM_CHAIN.equals(chainId)) {
                select.setObject(i++, chainId);
            }
            select.setLong(i++, from);
            select.setLong(i, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    AuditChain.Event event = AuditRows.read(rows, mapper);
                    long seq = event.seq();
                    if (seq < expected) {
                        return invalid(checked, from, to, headSeq, seq, "duplicate");
                    }
                    if (seq > expected) {
                        return invalid(checked, from, to, headSeq, expected, "missing");
                    }
                    if (expectedPrev != null && !Arrays.equals(expectedPrev, event.prevHash())) {
                        return invalid(checked, from, to, headSeq, seq, "broken-link");
                    }
                    if (!Arrays.equals(AuditChain.hash(event.prevHash(), event, seq), event.hash())) {
                        return invalid(checked, from, to, headSeq, seq, "altered");
                    }
                    expectedPrev = event.hash();
                    expected++;
                    checked++;
                }
            }
        }
        if (expected <= to) {
            return invalid(checked, from, to, headSeq, expected, "missing");
        }
        if (to == headSeq && !Arrays.equals(headHash, expectedPrev)) {
            return invalid(checked, from, to, headSeq, headSeq, "head-mismatch");
        }
        return new Verification(true, checked, from, to, headSeq, null, null);
    }

    /** The hash of the event before {@code from}, which the range's first link must name; null if it is gone. */
    private static byte[] previousHash(Connection connection, String chain, UUID chainId, long from)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT hash FROM audit_events WHERE " + chain + " AND seq = ?")) {
            int i = 1;
            if (!AuditChain.PLATFORM_CHAIN.equals(chainId)) {
                select.setObject(i++, chainId);
            }
            select.setLong(i, from - 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    private static Verification invalid(long checked, long from, long to, long headSeq, long seq, String reason) {
        return new Verification(false, checked, from, to, headSeq, seq, reason);
    }
}
