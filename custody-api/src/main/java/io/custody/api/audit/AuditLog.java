package io.custody.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.api.auth.Caller;
import io.custody.api.http.RequestId;
import io.custody.model.Ids;
import io.custody.model.audit.AuditEvent;
import io.custody.model.audit.AuditOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes audit events. {@link Transactional.TxType#MANDATORY}: an event is always part of the
 * transaction of the change it records (ARCHITECTURE.md §1, invariant 5), so the change and
 * its record commit or roll back together.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    Caller caller;

    @Inject
    RequestId requestId;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(UUID tenantId, String action, String resourceType, UUID resourceId,
            Map<String, Object> details) {
        AuditEvent event = AuditEvent.of(tenantId, caller.actor(), action, resourceType,
                resourceId == null ? null : resourceId.toString(), AuditOutcome.SUCCESS, requestId.value(), details);
        event.persist();
        return event;
    }

    /**
     * As {@link #record}, but written with one JDBC statement on the transaction's connection
     * instead of through the ORM: for the signing path, which touches no entity and for which
     * an ORM session per request is measurable overhead. Nothing the ORM holds unflushed may be
     * referenced by the event (it is inserted at once).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordNow(UUID tenantId, String action, String resourceType, UUID resourceId,
            Map<String, Object> details) {
        insertForCaller(tenantId, action, resourceType, resourceId, AuditOutcome.SUCCESS, details);
    }

    /**
     * Records a refusal in a transaction of its own, which commits although the request's
     * transaction rolls back: a denied signature leaves its audit event and nothing else.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRefusal(UUID tenantId, String action, String resourceType, UUID resourceId,
            Map<String, Object> details) {
        insertForCaller(tenantId, action, resourceType, resourceId, AuditOutcome.DENIED, details);
    }

    /** One insert on the current transaction's connection, as the request's caller and request id. */
    private void insertForCaller(UUID tenantId, String action, String resourceType, UUID resourceId,
            AuditOutcome outcome, Map<String, Object> details) {
        try (Connection connection = dataSource.getConnection()) { // enlisted in the JTA transaction
            insert(connection, tenantId, caller.actor(), action, resourceType, resourceId, outcome, requestId.value(),
                    mapper.writeValueAsString(details));
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit event", e);
        }
    }

    /**
     * Inserts an event on a plain JDBC connection, inside the caller's open transaction there: for
     * work that runs outside a request (background jobs), which has no caller or request id of its
     * own and names its actor itself.
     *
     * @param detailsJson a JSON object
     */
    public static void insert(Connection connection, UUID tenantId, String actor, String action, String resourceType,
            UUID resourceId, AuditOutcome outcome, String requestId, String detailsJson) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_events (id, tenant_id, occurred_at, actor, action, resource_type, resource_id, outcome,
                                          request_id, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            insert.setObject(1, Ids.newId());
            insert.setObject(2, tenantId);
            insert.setTimestamp(3, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            insert.setString(4, actor);
            insert.setString(5, action);
            insert.setString(6, resourceType);
            insert.setString(7, resourceId == null ? null : resourceId.toString());
            insert.setString(8, outcome.name());
            insert.setString(9, requestId);
            insert.setString(10, detailsJson);
            insert.executeUpdate();
        }
    }
}
