package io.custody.model.tenant;

/** Lifecycle of a tenant. A suspended tenant keeps its data but cannot create accounts or sign. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
