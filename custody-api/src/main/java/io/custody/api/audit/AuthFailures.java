package io.custody.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.model.audit.AuditOutcome;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Records refused authentication in the platform's audit chain (no tenant: an unauthenticated
 * caller names none that can be believed), in a transaction of its own. What is recorded is what
 * the request showed, never the token: method, path (without the query), the peer address and why.
 */
@ApplicationScoped
public class AuthFailures {
    private static final Logger LOG = Logger.getLogger(AuthFailures.class);
    private static final int MAX_PATH = 512;
    static final String ACTOR = "anonymous";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** Outside any transaction, so that nothing a failing request rolls back takes the record with it. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void record(HttpServerRequest request, String requestId, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", request.method().name());
        String path = request.path();
        details.put("path", path == null ? null : path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path);
        details.put("remoteAddress", request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        details.put("reason", reason);
        try (Connection connection = dataSource.getConnection()) { // autocommit
            AuditLog.insert(connection, null, ACTOR, "auth.failure", "http", null, AuditOutcome.FAILURE, requestId,
                    mapper.writeValueAsString(details));
        } catch (SQLException | JsonProcessingException e) {
            // The refusal itself must not fail for it: it is logged instead.
            LOG.errorf(e, "Could not audit the authentication failure of request %s", requestId);
        }
    }
}
