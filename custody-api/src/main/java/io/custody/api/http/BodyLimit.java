package io.custody.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.api.error.ErrorCode;
import io.custody.api.error.Problem;
import io.custody.model.Ids;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared Content-Length exceeds {@code quarkus.http.limits.max-body-size}
 * with a 413 problem+json, before the body is read. (Quarkus' own check, which also covers
 * chunked bodies, answers a bare 413; this one runs first so clients get the usual problem body.)
 */
@Singleton
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        if (declared != null && exceeds(declared)) {
            String requestId = context.request().getHeader(RequestId.HEADER);
            Problem problem = Problem.of(ErrorCode.BODY_TOO_LARGE, null,
                    "The request body exceeds the limit of " + maxBodySize.asLongValue() + " bytes.",
                    requestId != null && RequestId.ACCEPTED.matcher(requestId).matches() ? requestId : Ids.newId().toString());
            try {
                context.response().setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(json.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                context.fail(413, e);
            }
            return;
        }
        context.next();
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            return false; // a malformed header is the HTTP layer's to refuse
        }
    }
}
