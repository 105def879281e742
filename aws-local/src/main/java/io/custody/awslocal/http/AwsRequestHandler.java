package io.custody.awslocal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS JSON 1.1 endpoint: {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>},
 * dispatched to the service whose target prefix matches.
 */
final class AwsRequestHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(AwsRequestHandler.class.getName());

    private final Map<String, ServiceHandler> servicesByPrefix;
    private final PrincipalResolver principals;
    private final Metrics metrics;
    private final FaultInjector faults;
    private final ErrorMapper errors;

    AwsRequestHandler(Iterable<ServiceHandler> services, PrincipalResolver principals, Metrics metrics,
                      FaultInjector faults, ErrorMapper errors) {
        this.servicesByPrefix = java.util.stream.StreamSupport.stream(services.spliterator(), false)
                .collect(Collectors.toUnmodifiableMap(s -> s.service().targetPrefix(), Function.identity()));
        this.principals = principals;
        this.metrics = metrics;
        this.faults = faults;
        this.errors = errors;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        AwsService service = null;
        try (exchange) {
            try {
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                ServiceHandler handler = handlerFor(target);
                service = handler.service();
                String operation = target.substring(target.indexOf('.') + 1);
                String metricName = service.metricPrefix() + "." + operation;
                metrics.increment(metricName);
                if (!"POST".equals(exchange.getRequestMethod())) {
                    throw new ProtocolException(ProtocolError.UNKNOWN_OPERATION, "AWS JSON requests use POST");
                }
                byte[] rawBody = Exchanges.readBody(exchange);
                faults.apply(metricName);
                JsonNode body = parse(rawBody);
                Caller caller = principals.resolve(exchange.getRequestHeaders().getFirst("Authorization"));
                JsonNode response = handler.handle(operation, new JsonRequest(body), caller);
                Exchanges.send(exchange, 200, Exchanges.AMZ_JSON, response);
            } catch (RuntimeException | Error e) {
                WireError error = errors.map(service, e);
                if (error.status() >= 500 && !(e instanceof InjectedFaultException)) {
                    LOG.log(System.Logger.Level.ERROR, "internal error in " + service, e);
                }
                Exchanges.sendError(exchange, service, error);
            }
        }
    }

    private ServiceHandler handlerFor(String target) {
        int dot = target == null ? -1 : target.indexOf('.');
        ServiceHandler handler = dot > 0 ? servicesByPrefix.get(target.substring(0, dot)) : null;
        if (handler == null || dot == target.length() - 1) {
            throw new ProtocolException(ProtocolError.UNKNOWN_OPERATION,
                    "missing or unknown X-Amz-Target (expected TrentService.<Op> or secretsmanager.<Op>)");
        }
        return handler;
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return Json.object();
        }
        try {
            return Json.read(body);
        } catch (IOException e) {
            throw new ProtocolException(ProtocolError.SERIALIZATION, "the request body is not valid JSON");
        }
    }
}
