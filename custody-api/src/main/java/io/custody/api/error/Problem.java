package io.custody.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem details body, extended with the stable {@code code}, the offending
 * {@code field} when there is one, the policy {@code ruleId} of a policy refusal, and the request id that correlates it with logs and audit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field,
        String ruleId, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(ErrorCode code, String field, String detail, String requestId) {
        return of(code, field, null, detail, requestId);
    }

    /** With {@code ruleId}: the policy rule that refused a signature (POLICY_DENIED). */
    public static Problem of(ErrorCode code, String field, String ruleId, String detail, String requestId) {
        return new Problem("urn:custody:problem:" + code.name().toLowerCase().replace('_', '-'), code.title(),
                code.status(), detail, code.name(), field, ruleId, requestId);
    }

    public Response toResponse() {
        var builder = Response.status(status).type(MEDIA).entity(this);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }
}
