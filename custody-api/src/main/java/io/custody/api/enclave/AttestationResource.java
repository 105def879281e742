package io.custody.api.enclave;

import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.attestation.AttestationDocument;
import io.custody.attestation.AttestationException;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A fresh attestation document of the signer, for clients that verify the enclave themselves:
 * they pass a nonce, check that the document carries it, chains to the AWS Nitro root, and names
 * the enclave image (PCR0) they expect. The decoded fields are a convenience; verify the document.
 */
@Path("/v1/attestation")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attestation")
@SecurityRequirement(name = "jwt")
public class AttestationResource {
    private static final Pattern NONCE = Pattern.compile("(0x)?([0-9a-fA-F]{2}){1,64}");

    public record AttestationView(String document, String nonce, String moduleId, Instant timestamp,
            Map<String, String> pcrs) {
    }

    @Inject
    EnclaveGateway gateway;

    @GET
    @Operation(summary = "Get a fresh attestation document of the signer",
            description = "Any authenticated role. nonce: 1 to 64 bytes in hex; the document carries it.")
    public AttestationView attest(@QueryParam("nonce") String nonce) {
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "nonce", "nonce must be 1 to 64 bytes in hex.");
        }
        byte[] nonceBytes = HexFormat.of().parseHex(nonce.startsWith("0x") ? nonce.substring(2) : nonce);
        byte[] document = gateway.attest(nonceBytes).document();
        AttestationDocument parsed;
        try {
            parsed = AttestationDocument.unsafeParse(document);
        } catch (AttestationException e) {
            throw new ApiException(ErrorCode.KEY_SERVICE_FAILURE, "The signer returned a malformed attestation document.");
        }
        Map<String, String> pcrs = new LinkedHashMap<>();
        parsed.pcrs().forEach((index, value) -> pcrs.put(String.valueOf(index), HexFormat.of().formatHex(value)));
        return new AttestationView(Base64.getEncoder().encodeToString(document), HexFormat.of().formatHex(nonceBytes),
                parsed.moduleId(), parsed.timestamp(), pcrs);
    }
}
