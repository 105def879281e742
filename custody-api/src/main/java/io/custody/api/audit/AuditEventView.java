package io.custody.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.UUID;

/**
 * An audit event as the API shows it. {@code seq}, {@code prevHash} and {@code hash} are null
 * while the event is pending (inserted, not yet sealed into its chain); hashes are lower-case hex.
 * {@code occurredAt} is the exact text the chain hashes.
 */
public record AuditEventView(UUID id, UUID tenantId, Long seq, String occurredAt, String actor, String action,
        String resourceType, String resourceId, String outcome, String requestId, JsonNode details, String prevHash,
        String hash) {

    static AuditEventView of(AuditChain.Event event) {
        return new AuditEventView(event.id(), event.tenantId(), event.seq(), AuditChain.time(event.occurredAt()),
                event.actor(), event.action(), event.resourceType(), event.resourceId(), event.outcome(),
                event.requestId(), event.details(), hex(event.prevHash()), hex(event.hash()));
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}
