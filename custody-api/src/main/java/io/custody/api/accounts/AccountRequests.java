package io.custody.api.accounts;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the account endpoints. Unknown fields are refused by the JSON reader. */
public final class AccountRequests {
    static final String LABEL_PATTERN = "^(?!\\s)[^\\p{Cntrl}]*(?<!\\s)$";

    private AccountRequests() {
    }

    /** A single account; the label is the platform's own name for it (not unique). */
    public record Create(
            @Size(min = 1, max = 200) @Pattern(regexp = LABEL_PATTERN,
                    message = "must have no control characters and no leading or trailing white space") String label) {
    }
}
