package io.custody.api.accounts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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

    /**
     * A batch of {@code count} accounts. With a label prefix, the accounts are labelled
     * {@code prefix + n} for n = 1..count, each number used exactly once.
     */
    public record CreateBatch(
            @NotNull @Min(1) @Max(MAX_BATCH) Integer count,
            @Size(min = 1, max = 100) @Pattern(regexp = LABEL_PATTERN,
                    message = "must have no control characters and no leading or trailing white space") String labelPrefix) {
    }

    /** The most accounts one batch may create. */
    public static final int MAX_BATCH = 1_000_000;
}
