package io.custody.api.tenants;

import io.custody.api.auth.Caller;
import io.custody.api.auth.Role;
import io.custody.api.http.Cursors;
import io.custody.api.http.Page;
import io.custody.api.http.PathIds;
import io.custody.api.http.RequestBodies;
import io.custody.api.idempotency.Idempotency;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
@SecurityRequirement(name = "jwt")
public class TenantResource {

    @Inject
    Caller caller;

    @Inject
    TenantService tenants;

    @Inject
    Idempotency idempotency;

    @Inject
    RequestBodies bodies;

    @POST
    @Operation(summary = "Create a tenant", description = "Role platform-admin. Returns 201 with Location. "
            + "Retrying with the same Idempotency-Key and body returns the original response.")
    public Response create(
            @Parameter(description = "Makes retries safe: same key and body, same response; another body, 422.")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            TenantRequests.Create body) {
        caller.requireAny(Role.PLATFORM_ADMIN);
        bodies.valid(body);
        return idempotency.run(idempotencyKey, "POST", "/v1/tenants", null, body, () -> {
            TenantView tenant = tenants.create(body);
            return idempotency.respond(201, tenant, "/v1/tenants/" + tenant.id());
        });
    }

    @GET
    @Operation(summary = "List tenants", description = "Role platform-admin. Keyset pagination: pass nextCursor as cursor.")
    public Page<TenantView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        caller.requireAny(Role.PLATFORM_ADMIN);
        return tenants.list(Cursors.decode(cursor), Cursors.limit(limit));
    }

    @GET
    @Path("{tenantId}")
    @Operation(summary = "Get a tenant", description = "Role platform-admin, or any role of this tenant.")
    public TenantView get(@PathParam("tenantId") String tenantId) {
        UUID id = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(id, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN, Role.SIGNER, Role.AUDITOR);
        return tenants.get(id);
    }

    @PATCH
    @Path("{tenantId}")
    @Operation(summary = "Rename, suspend or reactivate a tenant", description = "Role platform-admin. "
            + "A suspended tenant cannot create accounts or sign.")
    public TenantView update(@PathParam("tenantId") String tenantId, TenantRequests.Update body) {
        UUID id = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(id, Role.PLATFORM_ADMIN);
        bodies.valid(body);
        return tenants.update(id, body);
    }
}
