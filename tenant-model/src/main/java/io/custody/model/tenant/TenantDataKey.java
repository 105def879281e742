package io.custody.model.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * A version of a tenant's data key (DEK), as the host keeps it: the KMS CiphertextBlob, which only
 * the attested enclave can have decrypted. The plaintext never exists outside the enclave.
 */
@Entity
@Table(name = "tenant_data_keys")
public class TenantDataKey extends PanacheEntityBase {

    @Embeddable
    public record Id(@Column(name = "tenant_id") UUID tenantId, @Column(name = "version") int version)
            implements Serializable {
    }

    @EmbeddedId
    public Id id;

    @Column(name = "kms_key_id", nullable = false)
    public String kmsKeyId;

    @Column(nullable = false)
    public byte[] ciphertext;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static TenantDataKey active(UUID tenantId, int version, String kmsKeyId, byte[] ciphertext) {
        TenantDataKey key = new TenantDataKey();
        key.id = new Id(tenantId, version);
        key.kmsKeyId = kmsKeyId;
        key.ciphertext = ciphertext.clone();
        key.status = "ACTIVE";
        key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return key;
    }

    /** The DEK new accounts of this tenant are wrapped under. */
    public static Optional<TenantDataKey> activeFor(UUID tenantId) {
        return find("id.tenantId = ?1 and status = 'ACTIVE'", tenantId).firstResultOptional();
    }

    public static Optional<TenantDataKey> version(UUID tenantId, int version) {
        return findByIdOptional(new Id(tenantId, version));
    }
}
