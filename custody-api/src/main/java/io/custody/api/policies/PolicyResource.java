package io.custody.api.policies;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.api.auth.Caller;
import io.custody.api.auth.Role;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.Cursors;
import io.custody.api.http.PathIds;
import io.custody.api.http.QueryParams;
import io.custody.api.signing.SignatureRequestParser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/policy")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
@SecurityRequirement(name = "jwt")
public class PolicyResource {

    @Inject
    Caller caller;

    @Inject
    PolicyService policies;

    @Inject
    PolicyEvaluation evaluation;

    @PUT
    @Operation(summary = "Write a new version of the tenant's policy", description = "Role tenant-admin. The body is "
            + "the policy document (docs/policies.md). The enclave checks it strictly and seals it; an unknown member, "
            + "a wrong type or a value out of range is 400 INVALID_POLICY with the JSON path in field. From the "
            + "moment this answers, every signature is decided by this version.")
    public PolicyView put(@PathParam("tenantId") String tenantId, String document) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN);
        return policies.put(tenant, document);
    }

    @GET
    @Operation(summary = "The tenant's current policy", description = "Roles tenant-admin, signer, auditor.")
    public PolicyView current(@PathParam("tenantId") String tenantId) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN, Role.SIGNER, Role.AUDITOR);
        return policies.current(tenant);
    }

    @GET
    @Path("versions")
    @Operation(summary = "The tenant's policy versions, newest first", description = "Roles tenant-admin, auditor. "
            + "limit 1..200 (default 50); before: list the versions older than this one.")
    public List<PolicyView> versions(@PathParam("tenantId") String tenantId, @QueryParam("limit") String limit,
            @QueryParam("before") String before) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN, Role.AUDITOR);
        Long beforeVersion = QueryParams.positive("before", before, Integer.MAX_VALUE);
        return policies.versions(tenant, Cursors.limit(limit), beforeVersion == null ? null : beforeVersion.intValue());
    }

    @POST
    @Path("evaluate")
    @Operation(summary = "Dry-run a signing request against the current policy", description = "Roles tenant-admin, "
            + "signer. The body is a signature request, as for POST .../signatures; nothing is signed or recorded. "
            + "The enclave evaluates its sealed policy and answers the decision, the deciding rule and every rule "
            + "whose conditions matched. accountId (optional): whose windowed totals count for account limits "
            + "(without it they count from zero).")
    public PolicyEvaluation.Result evaluate(@PathParam("tenantId") String tenantId,
            @QueryParam("accountId") String accountId, JsonNode body) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.TENANT_ADMIN, Role.SIGNER);
        if (body == null || body.isNull()) {
            throw new ApiException(ErrorCode.BODY_REQUIRED, "A JSON request body is required.");
        }
        UUID account = accountId == null ? null : PathIds.parse("accountId", accountId);
        return evaluation.evaluate(tenant, account, SignatureRequestParser.parse(body));
    }
}
