package io.custody.attestation;

import java.util.Optional;

/**
 * The NSM's {@code ErrorCode} (nsm-api {@code src/api/mod.rs}). The ordinal is the C value
 * returned by {@code libnsm}; {@link #wireName()} is the text in {@code {"Error": "..."}}.
 */
public enum NsmErrorCode {
    SUCCESS("Success"),
    INVALID_ARGUMENT("InvalidArgument"),
    INVALID_INDEX("InvalidIndex"),
    INVALID_RESPONSE("InvalidResponse"),
    READ_ONLY_INDEX("ReadOnlyIndex"),
    INVALID_OPERATION("InvalidOperation"),
    BUFFER_TOO_SMALL("BufferTooSmall"),
    INPUT_TOO_LARGE("InputTooLarge"),
    INTERNAL_ERROR("InternalError");

    private final String wireName;

    NsmErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NsmErrorCode> fromWireName(String name) {
        for (NsmErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
