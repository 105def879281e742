package io.custody.api.tenants;

import io.custody.api.audit.AuditLog;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.Cursors;
import io.custody.api.http.Page;
import io.custody.model.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tenant lifecycle. Every change is audited in its own transaction. */
@ApplicationScoped
public class TenantService {

    @Inject
    AuditLog audit;

    @Transactional(Transactional.TxType.MANDATORY)
    public TenantView create(TenantRequests.Create request) {
        if (request.externalRef() != null && Tenant.findByExternalRef(request.externalRef()).isPresent()) {
            throw externalRefTaken();
        }
        Tenant tenant = Tenant.newActive(request.name(), request.externalRef());
        tenant.persist();
        try {
            Tenant.flush(); // a concurrent create with the same externalRef fails here, not at commit
        } catch (jakarta.persistence.PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw externalRefTaken();
            }
            throw e;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", tenant.name);
        details.put("externalRef", tenant.externalRef);
        audit.record(tenant.id, "tenant.create", "tenant", tenant.id, details);
        return TenantView.of(tenant);
    }

    @Transactional
    public TenantView get(UUID id) {
        return TenantView.of(find(id));
    }

    @Transactional
    public Page<TenantView> list(UUID after, int limit) {
        // One extra row tells whether another page follows.
        List<Tenant> rows = Tenant.pageAfter(after, limit + 1);
        boolean more = rows.size() > limit;
        List<TenantView> items = rows.stream().limit(limit).map(TenantView::of).toList();
        return new Page<>(items, more ? Cursors.encode(items.getLast().id()) : null);
    }

    @Transactional
    public TenantView update(UUID id, TenantRequests.Update request) {
        if (request.name() == null && request.status() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, null, "Send at least one of: name, status.");
        }
        Tenant tenant = Tenant.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            throw ApiException.tenantNotFound();
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (request.name() != null && !request.name().equals(tenant.name)) {
            changes.put("name", Map.of("from", tenant.name, "to", request.name()));
            tenant.name = request.name();
        }
        if (request.status() != null && request.status() != tenant.status) {
            changes.put("status", Map.of("from", tenant.status.name(), "to", request.status().name()));
            tenant.status = request.status();
        }
        if (!changes.isEmpty()) {
            tenant.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            audit.record(tenant.id, "tenant.update", "tenant", tenant.id, changes);
        }
        return TenantView.of(tenant);
    }

    private static Tenant find(UUID id) {
        Tenant tenant = Tenant.findById(id);
        if (tenant == null) {
            throw ApiException.tenantNotFound();
        }
        return tenant;
    }

    private static ApiException externalRefTaken() {
        return new ApiException(ErrorCode.EXTERNAL_REF_CONFLICT, "externalRef",
                "Another tenant already has this externalRef.");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
