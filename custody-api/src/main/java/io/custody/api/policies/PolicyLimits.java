package io.custody.api.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custody.enclave.protocol.Messages;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The host's half of windowed limits: the totals the enclave decides on, read from
 * {@code policy_usage}, and the record of what a limited rule let through. The enclave parses and
 * enforces the policy; this class only reads where its limits are (rule id, index, scope, window)
 * to know which totals to read. The enclave refuses a request that lacks any of them.
 */
@ApplicationScoped
public class PolicyLimits {
    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final int MAX_CACHED = 4_096;

    @Inject
    ObjectMapper mapper;

    @Inject
    DataSource dataSource;

    /** A limit of a rule, as far as the totals are concerned. */
    public record Limit(String ruleId, int index, boolean tenantWide, long windowSeconds) {
    }

    private final Map<String, List<Limit>> parsed = new ConcurrentHashMap<>();

    /** The limits of a sealed document (cached by its seal: a version's limits never change). */
    public List<Limit> of(Messages.SealedPolicy policy) {
        if (policy == null) {
            return List.of();
        }
        String key = java.util.HexFormat.of().formatHex(policy.seal());
        List<Limit> limits = parsed.get(key);
        if (limits == null) {
            limits = parse(policy.document());
            if (parsed.size() >= MAX_CACHED) {
                parsed.clear();
            }
            parsed.put(key, limits);
        }
        return limits;
    }

    private List<Limit> parse(byte[] document) {
        List<Limit> limits = new ArrayList<>();
        try {
            for (JsonNode rule : mapper.readTree(document).path("rules")) {
                JsonNode ruleLimits = rule.path("limits");
                for (int i = 0; i < ruleLimits.size(); i++) {
                    JsonNode limit = ruleLimits.get(i);
                    limits.add(new Limit(rule.path("id").asText(), i, "tenant".equals(limit.path("scope").asText()),
                            windowSeconds(limit.path("window").asText())));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a sealed policy is not JSON", e);
        }
        return List.copyOf(limits);
    }

    /** "30m", "24h", "7d": the enclave accepted the document, so the form is known to be right. */
    private static long windowSeconds(String window) {
        long amount = Long.parseLong(window.substring(0, window.length() - 1));
        return switch (window.charAt(window.length() - 1)) {
            case 'm' -> amount * 60;
            case 'h' -> amount * 3_600;
            default -> amount * 86_400;
        };
    }

    /**
     * Locks the account (and the tenant, when a limit is tenant-wide) until the transaction ends,
     * then reads every limit's totals. Call inside the signing transaction, on its connection.
     */
    public List<Messages.LimitUsage> lockAndRead(Connection connection, UUID tenantId, UUID accountId,
            List<Limit> limits) throws SQLException {
        if (limits.isEmpty()) {
            return List.of();
        }
        // Always tenant before account: two requests never wait on each other in opposite orders.
        if (limits.stream().anyMatch(Limit::tenantWide)) {
            lock(connection, "tenant:" + tenantId);
        }
        lock(connection, "account:" + accountId);
        return read(connection, tenantId, accountId, limits);
    }

    /** The totals without locks: for dry runs. Without an account, account limits count from zero. */
    public List<Messages.LimitUsage> read(Connection connection, UUID tenantId, UUID accountId, List<Limit> limits)
            throws SQLException {
        List<Messages.LimitUsage> usage = new ArrayList<>(limits.size());
        try (PreparedStatement tenantTotals = connection.prepareStatement("""
                SELECT count(*), coalesce(sum(value), 0) FROM policy_usage
                WHERE tenant_id = ? AND rule_id = ? AND signed_at > now() - make_interval(secs => ?)""");
                PreparedStatement accountTotals = connection.prepareStatement("""
                SELECT count(*), coalesce(sum(value), 0) FROM policy_usage
                WHERE account_id = ? AND rule_id = ? AND signed_at > now() - make_interval(secs => ?)""")) {
            for (Limit limit : limits) {
                if (!limit.tenantWide() && accountId == null) {
                    usage.add(new Messages.LimitUsage(limit.ruleId(), limit.index(), BigInteger.ZERO, 0));
                    continue;
                }
                PreparedStatement totals = limit.tenantWide() ? tenantTotals : accountTotals;
                totals.setObject(1, limit.tenantWide() ? tenantId : accountId);
                totals.setString(2, limit.ruleId());
                totals.setLong(3, limit.windowSeconds());
                try (ResultSet row = totals.executeQuery()) {
                    row.next();
                    BigInteger value = row.getBigDecimal(2).toBigIntegerExact();
                    usage.add(new Messages.LimitUsage(limit.ruleId(), limit.index(), value.min(UINT256_MAX),
                            row.getLong(1)));
                }
            }
        }
        return usage;
    }

    /** Records a signature that a rule with limits allowed, in the signature's transaction. */
    public void record(Connection connection, UUID tenantId, UUID accountId, String ruleId, BigInteger value)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO policy_usage (tenant_id, account_id, rule_id, value, signed_at) VALUES (?, ?, ?, ?, now())""")) {
            insert.setObject(1, tenantId);
            insert.setObject(2, accountId);
            insert.setString(3, ruleId);
            insert.setBigDecimal(4, new java.math.BigDecimal(value));
            insert.executeUpdate();
        }
    }

    private static void lock(Connection connection, String name) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "custody/policy-limit/" + name);
            lock.executeQuery().close();
        }
    }

    /** Rows past the longest window (31 days) count for nothing. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM policy_usage WHERE signed_at < now() - interval '32 days'")) {
            delete.executeUpdate();
        } catch (SQLException e) {
            org.jboss.logging.Logger.getLogger(PolicyLimits.class).warn("Purging policy usage failed", e);
        }
    }
}
