package io.custody.api.keystore;

import io.custody.api.keystore.KeyStoreException.Reason;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Shards as Secrets Manager secrets (ARCHITECTURE.md §3): one {@code SecretBinary} in
 * {@link ShardFormat} per shard, named {@code <prefix>/<tenant id>/<shard id>} so that IAM can be
 * limited to the prefix, tagged {@value #TENANT_TAG}.
 *
 * <p>Writes: {@code CreateSecret} with {@code ClientRequestToken} = shard id, so a retry of the same
 * write (by the SDK after a lost response, or by the caller) returns the same secret instead of
 * failing or making a second one. Throttling and 5xx answers are retried by the client's retry
 * strategy; once it gives up the write fails as {@link Reason#UNAVAILABLE} and nothing references
 * whatever may have been written (the sweeper's business).
 *
 * <p>Reads: {@code GetSecretValue} by ARN, then, each with the mistake it catches:
 * <ol>
 *   <li>the answer is for the secret asked for — a confused client or endpoint;
 *   <li>the value decodes as a shard ({@link ShardFormat}) — damage or overwriting;
 *   <li>its header names the location's tenant and shard — a secret of another tenant or shard
 *       behind a database row (checked on every read, cached or not);
 *   <li>the location's slot exists and holds the requested account — a wrong or tampered row.
 * </ol>
 * Decoded shards are cached (ciphertext only), so a signature usually costs no AWS call.
 */
public final class SecretsManagerKeyStore implements KeyStore {

    /** Tag naming the tenant of a shard secret, for cost reports and tag-based IAM conditions. */
    public static final String TENANT_TAG = "custody:tenant";

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_+=.@-]+(/[A-Za-z0-9_+=.@-]+)*");
    private static final int MAX_PREFIX = 512 - 2 * 37;
    private static final String DESCRIPTION = "Custody wrapped-key shard (AES-GCM ciphertext only)";

    private final SecretsManagerClient client;
    private final String prefix;
    private final ShardCache cache;

    /**
     * @param client             a thread-safe SDK client; its retry strategy decides how hard
     *                           throttled calls are retried
     * @param prefix             e.g. {@code custody/shards}: no leading or trailing slash
     * @param cacheCapacityBytes bound of the shard cache in encoded bytes (0 = no cache)
     */
    public SecretsManagerKeyStore(SecretsManagerClient client, String prefix, long cacheCapacityBytes) {
        this.client = Objects.requireNonNull(client, "client");
        this.prefix = validPrefix(prefix);
        this.cache = new ShardCache(cacheCapacityBytes);
    }

    /** The secret name of a shard. */
    public String secretName(UUID tenantId, UUID shardId) {
        return prefix + "/" + tenantId + "/" + shardId;
    }

    @Override
    public StoredShard store(UUID tenantId, int dekVersion, KeyCurve curve, UUID shardId, List<ShardEntry> entries) {
        // Validates (non-empty, no account twice, fits in one secret) before any call.
        Shard shard = new Shard(tenantId, shardId, dekVersion, curve, entries);
        byte[] bytes = ShardFormat.encode(shard);
        String name = secretName(tenantId, shardId);
        CreateSecretResponse response;
        try {
            response = client.createSecret(request -> request
                    .name(name)
                    .clientRequestToken(shardId.toString())
                    .secretBinary(SdkBytes.fromByteArrayUnsafe(bytes))
                    .description(DESCRIPTION)
                    .tags(Tag.builder().key(TENANT_TAG).value(tenantId.toString()).build()));
        } catch (ResourceExistsException e) {
            // Same token and same bytes would have succeeded: this name holds another value.
            throw new KeyStoreException(Reason.MISMATCH, "secret " + name + " already holds a different shard", e);
        } catch (SdkException e) { // throttling and 5xx after the client's retries, access, KMS state
            throw new KeyStoreException(Reason.UNAVAILABLE, "could not write shard " + shardId, e);
        }
        // Checked, not trusted: the answer is about the secret just written.
        if (!name.equals(response.name()) || response.arn() == null || response.arn().isEmpty()) {
            throw new KeyStoreException(Reason.UNAVAILABLE, "CreateSecret answered for another secret than " + name);
        }
        return new StoredShard(shardId, SECRETS_MANAGER, name, response.arn(), ShardFormat.VERSION, shard.size());
    }

    @Override
    public byte[] wrappedKey(ShardLocation location, UUID accountId) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(accountId, "accountId");
        Shard shard = cache.get(location.secretArn());
        if (shard == null) {
            byte[] bytes = fetch(location);
            shard = decode(location, bytes);
            checkHeader(location, shard);
            cache.put(location.secretArn(), shard, bytes.length);
        } else {
            checkHeader(location, shard); // Check 3, also for a cached shard: rows differ, the cache is shared.
        }
        // Check 4: the slot exists and is this account's.
        ShardEntry entry = shard.entry(location.slot());
        if (entry == null) {
            throw new KeyStoreException(Reason.MISMATCH, "slot " + location.slot() + " is outside shard "
                    + location.shardId() + " of " + shard.size() + " entries");
        }
        if (!entry.accountId().equals(accountId)) {
            throw new KeyStoreException(Reason.MISMATCH, "slot " + location.slot() + " of shard " + location.shardId()
                    + " does not hold account " + accountId);
        }
        return entry.wrappedKey();
    }

    /** Hits, misses and size of the shard cache. */
    public ShardCacheStats cacheStats() {
        return cache.stats();
    }

    private byte[] fetch(ShardLocation location) {
        String secretId = location.secretArn();
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request -> request.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            throw new KeyStoreException(Reason.MISSING, "no secret for shard " + location.shardId(), e);
        } catch (InvalidRequestException e) { // what GetSecretValue answers for a secret scheduled for deletion
            throw new KeyStoreException(Reason.MISSING, "the secret of shard " + location.shardId()
                    + " cannot be read (scheduled for deletion?)", e);
        } catch (SdkException e) {
            throw new KeyStoreException(Reason.UNAVAILABLE, "could not read shard " + location.shardId(), e);
        }
        // Check 1: the answer is for the secret asked for.
        if (!secretId.equals(response.arn()) && !secretId.equals(response.name())) {
            throw new KeyStoreException(Reason.MISMATCH, "GetSecretValue answered for another secret than the one of shard "
                    + location.shardId());
        }
        if (response.secretBinary() == null) {
            throw new KeyStoreException(Reason.CORRUPT, "the secret of shard " + location.shardId()
                    + " holds no binary value");
        }
        return response.secretBinary().asByteArrayUnsafe();
    }

    // Check 2: a valid shard.
    private static Shard decode(ShardLocation location, byte[] bytes) {
        try {
            return ShardFormat.decode(bytes);
        } catch (ShardFormatException e) {
            throw new KeyStoreException(Reason.CORRUPT, "the secret of shard " + location.shardId()
                    + " is not a valid shard: " + e.getMessage(), e);
        }
    }

    // Check 3: the shard the location names.
    private static void checkHeader(ShardLocation location, Shard shard) {
        if (!shard.tenantId().equals(location.tenantId()) || !shard.shardId().equals(location.shardId())) {
            throw new KeyStoreException(Reason.MISMATCH, "the secret of shard " + location.shardId()
                    + " holds another shard (tenant or shard id differ)");
        }
    }

    private static String validPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.length() > MAX_PREFIX || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("the shard name prefix must be 1.." + MAX_PREFIX
                    + " characters of A-Z a-z 0-9 _+=.@- separated by single slashes, without a leading or trailing slash");
        }
        return prefix;
    }
}
