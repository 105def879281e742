package io.custody.api.idempotency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** A POST's response as recorded for idempotent replay: status, JSON body and Location. */
public record StoredResponse(int status, String body, String location) {

    public Response toResponse(boolean replayed) {
        var builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (location != null) {
            builder.location(URI.create(location));
        }
        if (replayed) {
            builder.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
