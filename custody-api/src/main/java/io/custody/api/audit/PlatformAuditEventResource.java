package io.custody.api.audit;

import io.custody.api.auth.Caller;
import io.custody.api.auth.Role;
import io.custody.api.http.PathIds;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail across tenants, for platform admins. */
@Path("/v1/audit-events")
@Authenticated
@Tag(name = "Audit")
@SecurityRequirement(name = "jwt")
public class PlatformAuditEventResource {

    @Inject
    Caller caller;

    @Inject
    AuditQueries queries;

    @GET
    @Produces({MediaType.APPLICATION_JSON, AuditEventResource.NDJSON, AuditEventResource.CSV})
    @Operation(summary = "Query audit events across tenants", description = "Role platform-admin. As the tenant "
            + "query, with an optional tenantId; without it, every tenant's events and the platform's own (tenantId "
            + "null: for example authentication failures that name no tenant).")
    public Response allEvents(@QueryParam("tenantId") String tenantId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("action") String action, @QueryParam("actor") String actor,
            @QueryParam("accountId") String accountId, @QueryParam("outcome") String outcome,
            @QueryParam("transactionHash") String transactionHash, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context HttpHeaders headers) {
        caller.requireAny(Role.PLATFORM_ADMIN);
        UUID tenant = tenantId == null ? null : PathIds.parse("tenantId", tenantId);
        AuditFilter filter = AuditFilter.parse(tenant, from, to, action, actor, accountId, outcome, transactionHash);
        if (tenant != null) {
            queries.requireTenant(tenant);
        }
        return AuditEventResource.answer(queries, filter, limit, cursor, headers);
    }
}
