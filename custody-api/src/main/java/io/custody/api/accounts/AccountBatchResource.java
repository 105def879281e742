package io.custody.api.accounts;

import io.custody.api.auth.Caller;
import io.custody.api.auth.Role;
import io.custody.api.http.PathIds;
import io.custody.api.http.RequestBodies;
import io.custody.api.idempotency.Idempotency;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/account-batches")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@SecurityRequirement(name = "jwt")
public class AccountBatchResource {
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    @Inject
    Caller caller;

    @Inject
    AccountBatchService batches;

    @Inject
    BatchRunner runner;

    @Inject
    RequestBodies bodies;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Create accounts in a batch", description = "Role tenant-admin. Answers 202 at once; the "
            + "accounts are created in the background, shard by shard. Poll the batch for progress: `created` is "
            + "exactly the number committed. A restart resumes the batch where it stopped.")
    public Response create(@PathParam("tenantId") String tenantId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, AccountRequests.CreateBatch body) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN);
        AccountRequests.CreateBatch request = bodies.valid(body);
        String path = "/v1/tenants/" + tenant + "/account-batches";
        Response response = idempotency.run(idempotencyKey, "POST", path, tenant, request, () -> {
            AccountBatchView batch = batches.submit(tenant, request.count(), request.labelPrefix());
            return idempotency.respond(202, batch, path + "/" + batch.id());
        });
        runner.wake(); // committed: start it now rather than at the next poll
        return response;
    }

    @GET
    @Path("{batchId}")
    @Operation(summary = "Get a batch and its progress", description = "Roles tenant-admin, auditor.")
    public AccountBatchView get(@PathParam("tenantId") String tenantId, @PathParam("batchId") String batchId) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN, Role.AUDITOR);
        return batches.get(tenant, PathIds.parse("batchId", batchId));
    }

    @GET
    @Path("{batchId}/addresses")
    @Produces({NDJSON, CSV})
    @Operation(summary = "Stream the batch's accounts", description = "Roles tenant-admin, auditor. One line per "
            + "account (id, address, label) in id order, as NDJSON (`Accept: application/x-ndjson`, the default) or "
            + "CSV with a header (`Accept: text/csv`). Lists what is committed so far while the batch runs.")
    public Response addresses(@PathParam("tenantId") String tenantId, @PathParam("batchId") String batchId,
            @Context HttpHeaders headers) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN, Role.AUDITOR);
        UUID batch = PathIds.parse("batchId", batchId);
        batches.get(tenant, batch); // 404 before the stream starts
        AccountBatchService.AddressFormat format = prefersCsv(headers)
                ? AccountBatchService.AddressFormat.CSV : AccountBatchService.AddressFormat.NDJSON;
        StreamingOutput stream = output -> batches.writeAddresses(tenant, batch, format, output);
        return Response.ok(stream, format == AccountBatchService.AddressFormat.CSV
                ? CSV + "; charset=utf-8" : NDJSON).build();
    }

    private static boolean prefersCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) { // sorted by preference
            if (type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.valueOf(NDJSON))) {
                return false;
            }
        }
        return false;
    }
}
