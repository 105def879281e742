package io.custody.api.tenants;

import io.custody.model.tenant.Tenant;
import io.custody.model.tenant.TenantStatus;
import java.time.Instant;
import java.util.UUID;

/** A tenant as the API shows it. */
public record TenantView(UUID id, String name, String externalRef, TenantStatus status, Instant createdAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id, tenant.name, tenant.externalRef, tenant.status, tenant.createdAt);
    }
}
