package io.custody.api.audit;

import io.custody.api.auth.Caller;
import io.custody.api.auth.Role;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.Cursors;
import io.custody.api.http.PathIds;
import io.custody.api.http.QueryParams;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's audit trail for its auditors: filtered queries, streamed exports, chain verification. */
@Path("/v1/tenants/{tenantId}/audit-events")
@Authenticated
@Tag(name = "Audit")
@SecurityRequirement(name = "jwt")
public class AuditEventResource {
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    @Inject
    Caller caller;

    @Inject
    AuditQueries queries;

    @GET
    @Produces({MediaType.APPLICATION_JSON, NDJSON, CSV})
    @Operation(summary = "Query a tenant's audit events", description = "Roles auditor, tenant-admin, platform-admin. "
            + "Filters: from (inclusive) and to (exclusive) as RFC 3339 times, action, actor, accountId, outcome "
            + "(SUCCESS, DENIED, FAILURE), transactionHash. Ordered by occurredAt, then id. application/json answers "
            + "pages (limit, cursor); application/x-ndjson and text/csv stream every matching event after the cursor. "
            + "seq, prevHash and hash are null while an event is pending its seal into the tenant's hash chain.")
    public Response tenantEvents(@PathParam("tenantId") String tenantId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("action") String action, @QueryParam("actor") String actor,
            @QueryParam("accountId") String accountId, @QueryParam("outcome") String outcome,
            @QueryParam("transactionHash") String transactionHash, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context HttpHeaders headers) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.AUDITOR, Role.TENANT_ADMIN, Role.PLATFORM_ADMIN);
        AuditFilter filter = AuditFilter.parse(tenant, from, to, action, actor, accountId, outcome, transactionHash);
        queries.requireTenant(tenant);
        return answer(queries, filter, limit, cursor, headers);
    }

    @GET
    @Path("verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a tenant's audit hash chain", description = "Roles auditor, tenant-admin, "
            + "platform-admin. Recomputes every hash and link from fromSeq (default 1) to toSeq (default: the chain's "
            + "head) and answers whether they hold, how many were checked, and the first position found wrong with "
            + "the reason: altered, missing, duplicate, broken-link or head-mismatch.")
    public AuditQueries.Verification verify(@PathParam("tenantId") String tenantId,
            @QueryParam("fromSeq") String fromSeq, @QueryParam("toSeq") String toSeq) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.AUDITOR, Role.TENANT_ADMIN, Role.PLATFORM_ADMIN);
        Long from = QueryParams.positive("fromSeq", fromSeq, Long.MAX_VALUE);
        Long to = QueryParams.positive("toSeq", toSeq, Long.MAX_VALUE);
        queries.requireTenant(tenant);
        return queries.verify(tenant, from, to);
    }

    static Response answer(AuditQueries queries, AuditFilter filter, String limit, String cursor, HttpHeaders headers) {
        AuditCursor after = AuditCursor.decode(cursor);
        AuditQueries.Format format = streamFormat(headers);
        if (format == null) {
            return Response.ok(queries.page(filter, after, Cursors.limit(limit)), MediaType.APPLICATION_JSON).build();
        }
        if (limit != null) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "limit",
                    "limit applies to application/json pages; an export streams every matching event.");
        }
        StreamingOutput stream = output -> queries.export(filter, after, format, output);
        return Response.ok(stream, format == AuditQueries.Format.CSV ? CSV + "; charset=utf-8" : NDJSON).build();
    }

    /** NDJSON or CSV when the client prefers one of them to JSON; null for JSON pages. */
    private static AuditQueries.Format streamFormat(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) { // sorted by preference
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return null;
            }
            if (type.isCompatible(MediaType.valueOf(NDJSON))) {
                return AuditQueries.Format.NDJSON;
            }
            if (type.isCompatible(MediaType.valueOf(CSV))) {
                return AuditQueries.Format.CSV;
            }
        }
        return null;
    }
}
