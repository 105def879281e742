package io.custody.api.accounts;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/accounts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@SecurityRequirement(name = "jwt")
public class AccountResource {

    @Inject
    Caller caller;

    @Inject
    AccountService accounts;

    @Inject
    RequestBodies bodies;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Create an account", description = "Role tenant-admin. The key is generated in the enclave; "
            + "the response holds the address and public key. A suspended tenant cannot create accounts (409).")
    public Response create(@PathParam("tenantId") String tenantId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, AccountRequests.Create body) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN);
        AccountRequests.Create request = body == null ? new AccountRequests.Create(null) : bodies.valid(body);
        String path = "/v1/tenants/" + tenant + "/accounts";
        return idempotency.run(idempotencyKey, "POST", path, tenant, request, () -> {
            AccountView account = accounts.create(tenant, request.label());
            return idempotency.respond(201, account, path + "/" + account.id());
        });
    }

    @GET
    @Operation(summary = "List accounts", description = "Roles tenant-admin, signer, auditor. Keyset pagination; "
            + "filters: labelPrefix, address, batchId.")
    public Page<AccountView> list(@PathParam("tenantId") String tenantId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @QueryParam("labelPrefix") String labelPrefix,
            @QueryParam("address") String address, @QueryParam("batchId") String batchId) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN, Role.SIGNER, Role.AUDITOR);
        return accounts.list(tenant, Cursors.decode(cursor), Cursors.limit(limit),
                labelPrefix == null || labelPrefix.isEmpty() ? null : labelPrefix,
                address == null || address.isEmpty() ? null : address,
                batchId == null || batchId.isEmpty() ? null : PathIds.parse("batchId", batchId));
    }

    @GET
    @Path("{accountId}")
    @Operation(summary = "Get an account by id or by 0x address", description = "Roles tenant-admin, signer, auditor.")
    public AccountView get(@PathParam("tenantId") String tenantId, @PathParam("accountId") String accountId) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN, Role.SIGNER, Role.AUDITOR);
        return accounts.get(tenant, accountId);
    }
}
