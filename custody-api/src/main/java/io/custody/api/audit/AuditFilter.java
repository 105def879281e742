package io.custody.api.audit;

import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.PathIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What an audit query selects. Every parameter is checked here, so a malformed one is a 400 with
 * a stable code before any query runs.
 *
 * @param tenantId one tenant's events; null (platform-admin only) for every tenant's and the
 *                 platform's own
 * @param from     inclusive
 * @param to       exclusive
 */
public record AuditFilter(UUID tenantId, Instant from, Instant to, String action, String actor, UUID accountId,
        String outcome, String transactionHash) {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final Pattern TRANSACTION_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Set<String> OUTCOMES = Set.of("SUCCESS", "DENIED", "FAILURE");

    /** Parses the query parameters of the audit endpoints. */
    public static AuditFilter parse(UUID tenantId, String from, String to, String action, String actor,
            String accountId, String outcome, String transactionHash) {
        Instant fromTime = time("from", from);
        Instant toTime = time("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw invalid("to", "to must be later than from.");
        }
        if (action != null && !ACTION.matcher(action).matches()) {
            throw invalid("action", "action is a dotted lower-case name such as signature.create.");
        }
        if (actor != null && (actor.isEmpty() || actor.length() > 512 || actor.chars().anyMatch(c -> c < 0x20))) {
            throw invalid("actor", "actor must be 1 to 512 characters, none of them a control character.");
        }
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw invalid("outcome", "outcome must be one of SUCCESS, DENIED, FAILURE.");
        }
        if (transactionHash != null && !TRANSACTION_HASH.matcher(transactionHash).matches()) {
            throw invalid("transactionHash", "transactionHash must be 0x and 64 hex digits.");
        }
        return new AuditFilter(tenantId, fromTime, toTime, action, actor,
                accountId == null ? null : PathIds.parse("accountId", accountId), outcome,
                transactionHash == null ? null : transactionHash.toLowerCase(Locale.ROOT));
    }

    private static Instant time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, name + " must be an RFC 3339 date-time, such as 2026-12-01T00:00:00Z.");
        }
    }

    private static ApiException invalid(String parameter, String detail) {
        return new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, parameter, detail);
    }

    /**
     * The WHERE conditions with their values written in as SQL literals, for a COPY statement (which
     * takes no parameters). Every value was checked by {@link #parse}; the one free-form text, the
     * actor, is escaped by the driver's own literal escaping.
     */
    String whereLiterals(Literal quote) {
        List<Object> params = new ArrayList<>();
        String where = where(params);
        StringBuilder sql = new StringBuilder(where.length() + 64 * params.size());
        int param = 0;
        for (int i = 0; i < where.length(); i++) {
            char c = where.charAt(i);
            if (c == '?' && i + 1 < where.length() && where.charAt(i + 1) == '?') {
                sql.append('?'); // the jsonb operator, written ?? for JDBC
                i++;
            } else if (c == '?') {
                sql.append(quote.literal(params.get(param++)));
            } else {
                sql.append(c);
            }
        }
        return sql.toString();
    }

    /** Writes one value as an SQL literal. */
    @FunctionalInterface
    interface Literal {
        String literal(Object value);
    }

    /** The WHERE conditions, with their parameters appended to {@code params} in order. */
    String where(List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (tenantId != null) {
            conditions.add("tenant_id = ?");
            params.add(tenantId);
        }
        if (from != null) {
            conditions.add("occurred_at >= ?");
            params.add(java.sql.Timestamp.from(from));
        }
        if (to != null) {
            conditions.add("occurred_at < ?");
            params.add(java.sql.Timestamp.from(to));
        }
        if (action != null) {
            conditions.add("action = ?");
            params.add(action);
        }
        if (actor != null) {
            conditions.add("actor = ?");
            params.add(actor);
        }
        if (accountId != null) {
            conditions.add("resource_type = 'account' AND resource_id = ?");
            params.add(accountId.toString());
        }
        if (outcome != null) {
            conditions.add("outcome = ?");
            params.add(outcome);
        }
        if (transactionHash != null) {
            conditions.add("details ?? 'transactionHash' AND details ->> 'transactionHash' = ?"); // ?? is JDBC for ?
            params.add(transactionHash);
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }
}
