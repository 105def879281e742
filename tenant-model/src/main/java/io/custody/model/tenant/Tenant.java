package io.custody.model.tenant;

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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A customer of the platform: the unit of isolation for keys, accounts, policies and audit. */
@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "external_ref")
    public String externalRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TenantStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Tenant newActive(String name, String externalRef) {
        Tenant tenant = new Tenant();
        tenant.id = Ids.newId();
        tenant.name = name;
        tenant.externalRef = externalRef;
        tenant.status = TenantStatus.ACTIVE;
        // PostgreSQL keeps microseconds: truncate so the value returned now equals the value read later.
        tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        tenant.updatedAt = tenant.createdAt;
        return tenant;
    }

    public static Optional<Tenant> findByExternalRef(String externalRef) {
        return find("externalRef", externalRef).firstResultOptional();
    }

    /** One keyset page in id order (ids are time-ordered): the tenants after {@code afterId}, at most {@code limit}. */
    public static List<Tenant> pageAfter(UUID afterId, int limit) {
        var query = afterId == null
                ? find("order by id")
                : find("id > ?1 order by id", afterId);
        return query.page(0, limit).list();
    }
}
