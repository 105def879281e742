package io.custody.api.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.custody.api.http.RequestId;
import io.custody.api.keystore.KeyStoreException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP responses: always problem+json with a stable code,
 * the offending field when known, and the request id. Details are written here, never copied
 * from exception messages, so no class name, SQL or stack trace reaches a client.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    RequestId requestId;

    @Inject
    io.custody.api.audit.AuthFailures authFailures;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return Problem.of(e.code(), e.field(), e.ruleId(), e.detail(), requestId.value()).toResponse();
    }

    @ServerExceptionMapper
    public Response keyStore(KeyStoreException e) {
        if (e.reason() == KeyStoreException.Reason.UNAVAILABLE) {
            return problem(ErrorCode.KEY_STORE_UNAVAILABLE, null, "The key store is unavailable; retry shortly.");
        }
        LOG.errorf("Key store integrity failure (%s) in request %s", e.reason(), requestId.value());
        return problem(ErrorCode.KEY_INTEGRITY_FAILURE, null,
                "A stored key failed its integrity check; quote the request id when reporting it.");
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return problem(ErrorCode.MALFORMED_JSON, null, "The request body is not valid JSON.");
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = path(e);
        return problem(ErrorCode.UNKNOWN_FIELD, field, "Unknown field '" + field + "'.");
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        String field = path(e);
        if (e.getTargetType() != null && e.getTargetType().isEnum() && e.getValue() instanceof String) {
            String allowed = java.util.Arrays.stream(e.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            return problem(ErrorCode.VALIDATION_FAILED, field, field + " must be one of: " + allowed + ".");
        }
        return problem(ErrorCode.INVALID_FIELD_TYPE, field, field + " has the wrong type or format.");
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return problem(ErrorCode.MALFORMED_JSON, null, "The request body must be a JSON object.");
        }
        return problem(ErrorCode.INVALID_FIELD_TYPE, field, field + " has the wrong type.");
    }

    @ServerExceptionMapper
    public Response mapping(DatabindException e) {
        String field = e instanceof JsonMappingException m ? path(m) : "";
        return problem(ErrorCode.INVALID_FIELD_TYPE, field.isEmpty() ? null : field,
                field.isEmpty() ? "The request body does not have the expected shape." : field + " is invalid.");
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return problem(ErrorCode.MALFORMED_JSON, null, "The request body is not valid JSON.");
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> field(v.getPropertyPath())))
                .orElse(null);
        if (first == null) {
            return problem(ErrorCode.VALIDATION_FAILED, null, "The request is invalid.");
        }
        String field = field(first.getPropertyPath());
        return problem(ErrorCode.VALIDATION_FAILED, field, field + " " + first.getMessage() + ".");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        authFailures.record(request, requestId.value(), "no bearer token");
        return problem(ErrorCode.UNAUTHENTICATED, null, "A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        authFailures.record(request, requestId.value(), "the bearer token was refused");
        return problem(ErrorCode.UNAUTHENTICATED, null, "A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(ErrorCode.FORBIDDEN, null, "The token's roles do not allow this operation.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(ErrorCode.NOT_FOUND, null, "No resource at this path.");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        Response response = problem(ErrorCode.METHOD_NOT_ALLOWED, null, "This path does not support the method.");
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? response : Response.fromResponse(response).header("Allow", allow).build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, "Send the request body as application/json.");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return problem(ErrorCode.NOT_ACCEPTABLE, null, "This resource cannot produce the media type the Accept header asks for.");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // The JSON reader wraps its parse failures; answer them as if they had reached us directly.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            switch (cause) {
                case UnrecognizedPropertyException u -> { return unknownField(u); }
                case InvalidFormatException i -> { return invalidFormat(i); }
                case MismatchedInputException m -> { return mismatched(m); }
                case DatabindException d -> { return mapping(d); }
                case JsonProcessingException j -> { return json(j); }
                default -> { }
            }
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return problem(ErrorCode.BODY_TOO_LARGE, null, "The request body exceeds the size limit.");
        }
        if (status >= 500) {
            return unexpected(e);
        }
        return problem(ErrorCode.VALIDATION_FAILED, null, "The request is invalid.");
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "Unhandled failure in request %s", requestId.value());
        return problem(ErrorCode.INTERNAL_ERROR, null,
                "The request failed on the server; quote the request id when reporting it.");
    }

    private Response problem(ErrorCode code, String field, String detail) {
        return Problem.of(code, field, detail, requestId.value()).toResponse();
    }

    /** The JSON path of a Jackson failure, e.g. {@code accessList[0].address}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The request-body field of a violation: the path without the method and parameter nodes. */
    private static String field(Path path) {
        var nodes = StreamSupport.stream(path.spliterator(), false).toList();
        return nodes.stream()
                .filter(n -> n.getKind() == jakarta.validation.ElementKind.PROPERTY)
                .map(Path.Node::getName)
                .collect(Collectors.joining("."));
    }
}
