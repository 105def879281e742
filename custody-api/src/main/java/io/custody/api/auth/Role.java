package io.custody.api.auth;

/** The roles a token carries in its {@code groups} claim. All but platform-admin are scoped to one tenant. */
public enum Role {
    PLATFORM_ADMIN("platform-admin"),
    TENANT_ADMIN("tenant-admin"),
    SIGNER("signer"),
    AUDITOR("auditor");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }
}
