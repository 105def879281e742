package io.custody.api.http;

import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors. A cursor is the base64url of a one-byte format version and the last
 * id of the previous page; clients must treat it as opaque.
 */
public final class Cursors {
    private static final byte VERSION = 1;
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private Cursors() {
    }

    public static String encode(UUID lastId) {
        ByteBuffer buffer = ByteBuffer.allocate(17).put(VERSION)
                .putLong(lastId.getMostSignificantBits()).putLong(lastId.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The id after which the next page starts, or null for the first page. */
    public static UUID decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        ByteBuffer buffer = payload(cursor, VERSION, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /**
     * The content of a cursor of format {@code version} and {@code length} bytes after the format
     * byte; anything else is 400 INVALID_CURSOR.
     */
    public static ByteBuffer payload(String cursor, byte version, int length) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != length + 1 || raw[0] != version) {
            throw invalid();
        }
        return ByteBuffer.wrap(raw, 1, length);
    }

    public static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_CURSOR, "cursor",
                "The cursor is not one this API issued; pass nextCursor from a previous page unchanged.");
    }

    /** The page size: {@value #DEFAULT_LIMIT} when absent, otherwise 1..{@value #MAX_LIMIT}. */
    public static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the refusal below
        }
        throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "limit",
                "limit must be an integer from 1 to " + MAX_LIMIT + ".");
    }
}
