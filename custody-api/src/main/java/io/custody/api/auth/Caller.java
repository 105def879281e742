package io.custody.api.auth;

import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.PathIds;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller of the current request and the authorization rules every endpoint
 * applies. Resources are annotated {@code @Authenticated} (no or invalid token: 401); the checks
 * here then decide between 404 and 403.
 *
 * <p>Tenant scoping fails closed (ARCHITECTURE.md §1, invariant 6): a token without a valid
 * {@code tenant_id} claim reaches no tenant's resources, and another tenant's resource answers
 * exactly as a resource that does not exist.
 */
@RequestScoped
public class Caller {
    public static final String TENANT_CLAIM = "tenant_id";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** Who acted, for audit events: the token's subject. */
    public String actor() {
        String subject = token.getSubject();
        return subject == null || subject.isBlank() ? "unknown" : subject;
    }

    /** Scope of idempotency keys: issuer and subject together identify one client. */
    public String principal() {
        return token.getIssuer() + " " + actor();
    }

    public boolean has(Role role) {
        return identity.hasRole(role.claimValue());
    }

    /** The tenant the token is scoped to, if its claim holds a UUID. */
    public Optional<UUID> tenantId() {
        Object claim = token.getClaim(TENANT_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        String text = claim instanceof JsonString json ? json.getString() : claim.toString();
        try {
            return Optional.of(PathIds.parse(TENANT_CLAIM, text));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** For platform-wide operations: the caller must hold one of the roles. */
    public void requireAny(Role... roles) {
        if (Arrays.stream(roles).noneMatch(this::has)) {
            throw forbidden(roles);
        }
    }

    /**
     * For operations on one tenant's resources. A platform-admin passes when that role is
     * allowed. Any other caller must be scoped to this very tenant (otherwise: not found, the
     * same answer as for a tenant that does not exist) and hold one of the allowed roles
     * (otherwise: forbidden).
     */
    public void requireTenant(UUID tenantId, Role... allowed) {
        boolean platformAllowed = Arrays.asList(allowed).contains(Role.PLATFORM_ADMIN);
        if (platformAllowed && has(Role.PLATFORM_ADMIN)) {
            return;
        }
        Optional<UUID> scope = tenantId();
        if (scope.isEmpty()) {
            if (has(Role.PLATFORM_ADMIN)) {
                throw forbidden(allowed);
            }
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "The token carries no valid tenant_id claim, so it reaches no tenant's resources.");
        }
        if (!scope.get().equals(tenantId)) {
            throw ApiException.tenantNotFound();
        }
        requireAny(allowed);
    }

    private static ApiException forbidden(Role... roles) {
        return new ApiException(ErrorCode.FORBIDDEN, "This operation needs one of the roles: "
                + String.join(", ", Arrays.stream(roles).map(Role::claimValue).toList()) + ".");
    }
}
