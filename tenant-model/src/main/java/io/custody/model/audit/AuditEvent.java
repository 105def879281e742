package io.custody.model.audit;

import io.custody.model.Ids;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One append-only audit record. The database refuses UPDATE and DELETE (a trigger); the
 * hash-chain columns (seq, prev_hash, hash) are filled once by the sealer and are not
 * mapped here, so this entity can only ever insert.
 */
@Entity
@Immutable
@Table(name = "audit_events")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", updatable = false)
    public UUID tenantId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "resource_type", updatable = false)
    public String resourceType;

    @Column(name = "resource_id", updatable = false)
    public String resourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public AuditOutcome outcome;

    @Column(name = "request_id", updatable = false)
    public String requestId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, Object> details;

    public static AuditEvent of(UUID tenantId, String actor, String action, String resourceType, String resourceId,
            AuditOutcome outcome, String requestId, Map<String, Object> details) {
        AuditEvent event = new AuditEvent();
        event.id = Ids.newId();
        event.tenantId = tenantId;
        event.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        event.actor = actor;
        event.action = action;
        event.resourceType = resourceType;
        event.resourceId = resourceId;
        event.outcome = outcome;
        event.requestId = requestId;
        event.details = details == null ? Map.of() : details;
        return event;
    }
}
