package io.custody.api.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.api.auth.Caller;
import io.custody.api.auth.Role;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.PathIds;
import io.custody.api.idempotency.Idempotency;
import io.custody.api.signing.SignatureRequestParser;
import io.custody.api.signing.SigningRequest;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/accounts/{accountId}/signatures")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Signatures")
@SecurityRequirement(name = "jwt")
public class SignatureResource {

    @Inject
    Caller caller;

    @Inject
    SigningService signing;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Sign a transaction, an EIP-191 message or EIP-712 typed data",
            description = "Roles signer, tenant-admin. type: eip1559_transaction, eip2930_transaction, legacy_transaction "
                    + "(EIP-155 chainId required), eip191_message, eip712_typed_data. The enclave encodes and hashes the "
                    + "payload itself; the signature is audited before it is returned. accountId may be a 0x address.")
    public Response sign(@PathParam("tenantId") String tenantId, @PathParam("accountId") String accountId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, JsonNode body) {
        UUID tenant = PathIds.parse("tenantId", tenantId);
        caller.requireTenant(tenant, Role.SIGNER, Role.TENANT_ADMIN);
        if (body == null || body.isNull()) {
            throw new ApiException(ErrorCode.BODY_REQUIRED, "A JSON request body is required.");
        }
        SigningRequest request = SignatureRequestParser.parse(body);
        String path = "/v1/tenants/" + tenant + "/accounts/" + accountId + "/signatures";
        return idempotency.run(idempotencyKey, "POST", path, tenant, body,
                () -> idempotency.respond(200, signing.sign(tenant, accountId, request), null));
    }
}
