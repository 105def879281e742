package io.custody.api.http;

import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;

/** Query parameters that are numbers: a malformed one is 400 INVALID_QUERY_PARAMETER naming it. */
public final class QueryParams {
    private QueryParams() {
    }

    /** An integer of 1 or more, at most {@code max}; null when absent. */
    public static Long positive(String name, String value, long max) {
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, name,
                name + " must be an integer from 1 to " + max + ".");
    }
}
