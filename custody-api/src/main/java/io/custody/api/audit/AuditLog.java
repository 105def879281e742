package io.custody.api.audit;

import io.custody.api.auth.Caller;
import io.custody.api.http.RequestId;
import io.custody.model.audit.AuditEvent;
import io.custody.model.audit.AuditOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

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

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(UUID tenantId, String action, String resourceType, UUID resourceId,
            Map<String, Object> details) {
        AuditEvent event = AuditEvent.of(tenantId, caller.actor(), action, resourceType,
                resourceId == null ? null : resourceId.toString(), AuditOutcome.SUCCESS, requestId.value(), details);
        event.persist();
        return event;
    }
}
