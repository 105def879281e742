package io.custody.api.http;

import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parses identifiers from paths, refusing anything but a canonical lowercase or uppercase UUID. */
public final class PathIds {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathIds() {
    }

    public static UUID parse(String field, String text) {
        // UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical form is an id here.
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw new ApiException(ErrorCode.INVALID_ID, field, field + " must be a UUID.");
        }
        return UUID.fromString(text);
    }
}
