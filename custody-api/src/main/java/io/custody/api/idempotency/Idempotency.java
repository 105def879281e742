package io.custody.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.custody.api.auth.Caller;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} handling for POSTs. The key is claimed by inserting it in the same
 * transaction that performs the operation and records its response, so exactly one of any
 * number of concurrent or repeated requests with one key does the work: the others wait on
 * the key's row, then replay the stored response. A key reused with a different request is
 * refused (422). Keys are scoped to the caller (issuer and subject) and kept for a day.
 */
@ApplicationScoped
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final ObjectMapper mapper;
    private final ObjectMapper canonical;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    public Idempotency(ObjectMapper mapper) {
        this.mapper = mapper;
        this.canonical = mapper.copy()
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /**
     * Runs {@code operation} in a transaction, at most once per idempotency key. Without a key
     * it simply runs. {@code request} is the parsed body: a retry must send the same content.
     */
    @Transactional
    public Response run(String key, String method, String path, UUID tenantId, Object request,
            Supplier<StoredResponse> operation) {
        if (key == null) {
            return operation.get().toResponse(false);
        }
        if (!KEY.matcher(key).matches()) {
            throw new ApiException(ErrorCode.INVALID_HEADER, HEADER,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        byte[] requestHash = hash(method, path, request);
        int claimed = em.createNativeQuery("""
                INSERT INTO idempotency_keys (principal, idempotency_key, tenant_id, request_method, request_path, request_hash)
                VALUES (:principal, :key, :tenant, :method, :path, :hash)
                ON CONFLICT (principal, idempotency_key) DO NOTHING""")
                .setParameter("principal", caller.principal())
                .setParameter("key", key)
                .setParameter("tenant", tenantId)
                .setParameter("method", method)
                .setParameter("path", path)
                .setParameter("hash", requestHash)
                .executeUpdate();
        if (claimed == 0) {
            return replay(key, requestHash);
        }
        StoredResponse response = operation.get();
        em.createNativeQuery("""
                UPDATE idempotency_keys SET response_status = :status, response_body = :body, response_location = :location
                WHERE principal = :principal AND idempotency_key = :key""")
                .setParameter("status", response.status())
                .setParameter("body", response.body())
                .setParameter("location", response.location())
                .setParameter("principal", caller.principal())
                .setParameter("key", key)
                .executeUpdate();
        return response.toResponse(false);
    }

    /** A response to store and return: {@code body} serialized as the API serializes JSON. */
    public StoredResponse respond(int status, Object body, String location) {
        try {
            return new StoredResponse(status, mapper.writeValueAsString(body), location);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize the response", e);
        }
    }

    private Response replay(String key, byte[] requestHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT request_hash, response_status, response_body, response_location
                FROM idempotency_keys WHERE principal = :principal AND idempotency_key = :key""")
                .setParameter("principal", caller.principal())
                .setParameter("key", key)
                .getResultList();
        Object[] row = rows.getFirst();
        if (!Arrays.equals((byte[]) row[0], requestHash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, HEADER,
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
        }
        return new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]).toResponse(true);
    }

    private byte[] hash(String method, String path, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha256.update(canonical.writeValueAsBytes(request));
            return sha256.digest();
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }

    @Transactional
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "10m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    public void purgeExpired() {
        em.createNativeQuery("DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'")
                .executeUpdate();
    }
}
