package io.custody.api.audit;

import io.custody.api.http.Cursors;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Keyset position in audit events, which are ordered by (occurred_at, id): base64url of a format
 * byte, the microsecond timestamp and the id of the last event of the previous page. Opaque to
 * clients, like every cursor of the API.
 */
record AuditCursor(Instant occurredAt, UUID id) {
    private static final byte VERSION = 2;
    /** 9999-12-31T23:59:59.999999Z: later positions cannot come from this API. */
    private static final long MAX_MICROS = 253_402_300_799_999_999L;

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt);
        ByteBuffer buffer = ByteBuffer.allocate(25).put(VERSION).putLong(micros)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The position after which to continue, or null for the start. */
    static AuditCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        ByteBuffer buffer = Cursors.payload(cursor, VERSION, 24);
        long micros = buffer.getLong();
        if (micros < 0 || micros > MAX_MICROS) {
            throw Cursors.invalid();
        }
        return new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), new UUID(buffer.getLong(), buffer.getLong()));
    }
}
