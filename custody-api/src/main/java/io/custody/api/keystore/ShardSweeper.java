package io.custody.api.keystore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * Deletes shard secrets that no database row references (ARCHITECTURE.md §3: a crash between a
 * shard's write and its rows' commit leaves one behind). A shard is deleted only if all hold:
 * <ol>
 *   <li>its name is {@code <prefix>/<uuid>/<uuid>} — never touch a secret this code did not name;
 *   <li>it was created more than the grace period ago — a batch may be between its Secrets
 *       Manager write and its database commit; a shard of unknown age is kept;
 *   <li>neither its name nor its ARN is referenced, asked once while listing and again just
 *       before the delete — a shard whose rows committed meanwhile is kept;
 *   <li>the run has at most {@code maxDeletionsPerRun} candidates — otherwise nothing is deleted:
 *       orphans are rare, and many of them more likely mean a reference check that answers
 *       "no" wrongly (wrong database, empty replica) than real garbage.
 * </ol>
 * Deletion uses {@code ForceDeleteWithoutRecovery}: a deleted shard cannot be restored, which is
 * why the checks above err towards keeping. The predicate must answer "referenced" when in doubt
 * and throw rather than answer "no" when the database cannot be asked.
 */
public final class ShardSweeper {

    /** The shortest grace period accepted: longer than any transaction that commits shard rows. */
    public static final Duration MIN_GRACE = Duration.ofMinutes(10);

    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final int PAGE_SIZE = 100;

    private final SecretsManagerClient client;
    private final String namePrefix;
    private final Pattern shardName;
    private final Predicate<String> isReferenced;
    private final Duration grace;
    private final Clock clock;
    private final int maxDeletionsPerRun;
    private final int pageSize;

    /**
     * @param prefix             the key store's prefix, e.g. {@code custody/shards}
     * @param isReferenced       true if a {@code key_shards} row holds this secret name or ARN
     * @param grace              at least {@link #MIN_GRACE}
     * @param maxDeletionsPerRun refuse the whole run above this many candidates (>= 1)
     */
    public ShardSweeper(SecretsManagerClient client, String prefix, Predicate<String> isReferenced, Duration grace,
            Clock clock, int maxDeletionsPerRun) {
        this(client, prefix, isReferenced, grace, clock, maxDeletionsPerRun, PAGE_SIZE);
    }

    ShardSweeper(SecretsManagerClient client, String prefix, Predicate<String> isReferenced, Duration grace,
            Clock clock, int maxDeletionsPerRun, int pageSize) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("the prefix must be non-empty, without a leading or trailing slash");
        }
        this.namePrefix = prefix + "/";
        this.shardName = Pattern.compile(Pattern.quote(namePrefix) + UUID_TEXT + "/" + UUID_TEXT);
        this.isReferenced = Objects.requireNonNull(isReferenced, "isReferenced");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.compareTo(MIN_GRACE) < 0) {
            throw new IllegalArgumentException("the grace period must be at least " + MIN_GRACE + ", got " + grace);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxDeletionsPerRun < 1) {
            throw new IllegalArgumentException("maxDeletionsPerRun must be >= 1");
        }
        this.maxDeletionsPerRun = maxDeletionsPerRun;
        this.pageSize = pageSize;
    }

    /**
     * One pass: lists every shard secret first (pagination tokens may be offsets, so nothing is
     * deleted while listing), then deletes the unreferenced old ones.
     *
     * @return the names of the deleted secrets
     * @throws IllegalStateException if there are more candidates than {@code maxDeletionsPerRun}
     *         (nothing is deleted)
     */
    public List<String> sweep() {
        Instant cutoff = clock.instant().minus(grace);
        List<SecretListEntry> candidates = new ArrayList<>();
        Iterable<ListSecretsResponse> pages = client.listSecretsPaginator(request -> request
                .maxResults(pageSize)
                .filters(Filter.builder().key(FilterNameStringType.NAME).values(namePrefix).build()));
        for (ListSecretsResponse page : pages) {
            for (SecretListEntry secret : page.secretList()) {
                if (isCandidate(secret, cutoff)) {
                    candidates.add(secret);
                }
            }
        }
        if (candidates.size() > maxDeletionsPerRun) {
            throw new IllegalStateException(candidates.size() + " unreferenced shard secrets, more than the "
                    + maxDeletionsPerRun + " a run may delete: nothing deleted; check the reference query");
        }
        List<String> deleted = new ArrayList<>();
        for (SecretListEntry secret : candidates) {
            if (referenced(secret)) { // Check 3, again: its rows may have committed since the listing.
                continue;
            }
            client.deleteSecret(request -> request.secretId(secret.arn()).forceDeleteWithoutRecovery(true));
            deleted.add(secret.name());
        }
        return List.copyOf(deleted);
    }

    private boolean isCandidate(SecretListEntry secret, Instant cutoff) {
        // Check 1: a name this code writes (the service-side name filter is only a prefix match).
        if (secret.name() == null || secret.arn() == null || !shardName.matcher(secret.name()).matches()) {
            return false;
        }
        if (secret.deletedDate() != null) {
            return false; // already on its way out
        }
        // Check 2: old enough; unknown age counts as young.
        if (secret.createdDate() == null || !secret.createdDate().isBefore(cutoff)) {
            return false;
        }
        // Check 3: unreferenced.
        return !referenced(secret);
    }

    private boolean referenced(SecretListEntry secret) {
        return isReferenced.test(secret.name()) || isReferenced.test(secret.arn());
    }
}
