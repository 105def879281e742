package io.custody.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Reads audit events from SQL rows: the one column list and mapping every reader uses. */
final class AuditRows {
    static final String COLUMNS = """
            id, tenant_id, occurred_at, actor, action, resource_type, resource_id, outcome, request_id, details::text,
            seq, prev_hash, hash""";

    private AuditRows() {
    }

    /** The event in the current row of {@code rows}, selected with {@link #COLUMNS}. */
    static AuditChain.Event read(ResultSet rows, ObjectMapper mapper) throws SQLException {
        try {
            return new AuditChain.Event(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                    rows.getTimestamp(3).toInstant(), rows.getString(4), rows.getString(5), rows.getString(6),
                    rows.getString(7), rows.getString(8), rows.getString(9), mapper.readTree(rows.getString(10)),
                    rows.getObject(11, Long.class), rows.getBytes(12), rows.getBytes(13));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event details are not JSON", e);
        }
    }
}
