package io.custody.awslocal.http;

import com.fasterxml.jackson.databind.JsonNode;

/** One emulated AWS service: takes the operation name and the parsed body, returns the response body. */
public interface ServiceHandler {

    AwsService service();

    /**
     * Runs one operation. Failures are thrown as the service's typed exception (or a
     * {@link ProtocolException}) and turned into AWS error responses by the {@link ErrorMapper}.
     */
    JsonNode handle(String operation, JsonRequest request, Caller caller);
}
