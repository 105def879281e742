package io.custody.enclave;

import java.util.Objects;
import java.util.UUID;

/**
 * Who an account key belongs to. All four fields go into the associated data of the wrapped key
 * (ARCHITECTURE.md §1 invariant 3), so a ciphertext moved to another tenant, account, DEK version
 * or curve fails to unwrap.
 *
 * @param tenantId   the owning tenant
 * @param accountId  the account within the tenant
 * @param dekVersion the version of the tenant DEK that wraps this key (positive)
 * @param curve      the key's curve
 */
public record KeyIdentity(UUID tenantId, UUID accountId, int dekVersion, Curve curve) {

    public KeyIdentity {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(curve, "curve");
        if (dekVersion <= 0) {
            throw new IllegalArgumentException("dekVersion must be positive");
        }
    }
}
