package io.custody.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.api.signing.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The audit hash chain's arithmetic: {@code hash = SHA-256(prev_hash || canonical(event))}, where
 * the first event of a chain has 32 zero bytes as its {@code prev_hash} and {@code canonical} is
 * the RFC 8785 (JCS) text, in UTF-8, of this object (every member always present):
 *
 * <pre>{"action", "actor", "details", "id", "occurredAt", "outcome", "requestId", "resourceId",
 *  "resourceType", "seq", "tenantId", "v": 1}</pre>
 *
 * {@code occurredAt} is UTC with exactly six fraction digits ({@code 2026-12-02T03:10:00.123456Z});
 * absent values are JSON null. Anyone holding an export can recompute it; docs/audit.md has the
 * definition and a worked example.
 */
public final class AuditChain {
    /** The chain id of platform events, which name no tenant. */
    public static final UUID PLATFORM_CHAIN = new UUID(0, 0);
    public static final int HASH_BYTES = 32;
    private static final byte[] GENESIS = new byte[HASH_BYTES];
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** One audit event as stored: what the chain covers, and its chain columns (null until sealed). */
    public record Event(UUID id, UUID tenantId, Instant occurredAt, String actor, String action, String resourceType,
            String resourceId, String outcome, String requestId, JsonNode details, Long seq, byte[] prevHash,
            byte[] hash) {

        public UUID chainId() {
            return chainOf(tenantId);
        }
    }

    public static UUID chainOf(UUID tenantId) {
        return tenantId == null ? PLATFORM_CHAIN : tenantId;
    }

    /** The {@code prev_hash} of a chain's first event. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** The canonical text of {@code event} at position {@code seq} of its chain. */
    public static String canonical(Event event, long seq) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("action", event.action());
        node.put("actor", event.actor());
        node.set("details", event.details() == null ? JsonNodeFactory.instance.objectNode() : event.details());
        node.put("id", event.id().toString());
        node.put("occurredAt", time(event.occurredAt()));
        node.put("outcome", event.outcome());
        node.put("requestId", event.requestId());
        node.put("resourceId", event.resourceId());
        node.put("resourceType", event.resourceType());
        node.put("seq", seq);
        node.put("tenantId", event.tenantId() == null ? null : event.tenantId().toString());
        node.put("v", 1);
        return CanonicalJson.write(node, Integer.MAX_VALUE);
    }

    /** {@code SHA-256(prevHash || canonical(event, seq))}. */
    public static byte[] hash(byte[] prevHash, Event event, long seq) {
        if (prevHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("prev_hash must be 32 bytes");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash);
            sha256.update(canonical(event, seq).getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
