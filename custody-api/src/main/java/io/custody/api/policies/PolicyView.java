package io.custody.api.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A version of a tenant's policy. {@code document} is the policy as stored and sealed;
 * {@code sha256} is the hash of its exact UTF-8 bytes (what the audit event of the change names).
 */
public record PolicyView(int version, JsonNode document, String sha256, String createdBy, Instant createdAt) {
}
