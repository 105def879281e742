package io.custody.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * An account batch as the API shows it. {@code created} is exactly the number of accounts
 * committed so far; {@code failure} is present only on a FAILED batch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountBatchView(UUID id, String status, int requested, int created, String labelPrefix,
        Failure failure, Instant createdAt, Instant updatedAt, Instant completedAt) {

    /** Why a batch failed: a stable code (as in problem+json) and a description. */
    public record Failure(String code, String detail) {
    }
}
