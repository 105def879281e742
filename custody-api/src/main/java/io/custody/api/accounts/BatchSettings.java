package io.custody.api.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** How account batches run in the background ({@code custody.batches.*}). */
@ConfigMapping(prefix = "custody.batches")
public interface BatchSettings {

    /** Batches one instance runs at the same time; further batches wait their turn. */
    @WithDefault("1")
    int concurrent();

    /**
     * Chunks of one batch in flight at once: while one chunk's keys are generated in the enclave,
     * another's shard is written and a third's rows are copied into PostgreSQL.
     */
    @WithName("chunks-in-flight")
    @WithDefault("3")
    int chunksInFlight();

    /**
     * How long a claimed batch stays this instance's without progress. Each committed chunk
     * renews it; when it lapses (a crash), any instance resumes the batch from its committed count.
     */
    @WithDefault("60s")
    Duration lease();

    /**
     * How often an instance looks for waiting batches and lapsed leases (a submission on this
     * instance starts at once). Read by the scheduler expression of {@link BatchRunner#poll()}.
     */
    @WithName("poll-interval")
    @WithDefault("5s")
    Duration pollInterval();

    /** Attempts per chunk before a transient failure (signer or key store unavailable) fails the batch. */
    @WithName("max-attempts")
    @WithDefault("6")
    int maxAttempts();

    /** The first pause between attempts; it doubles with each further attempt. */
    @WithName("retry-backoff")
    @WithDefault("500ms")
    Duration retryBackoff();
}
