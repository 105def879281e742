package io.custody.enclave.server;

import io.custody.enclave.SecretBytes;
import io.custody.enclave.protocol.AwsCredentials;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import io.custody.enclave.server.KmsGateway.GeneratedDek;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tenant DEKs for requests: from the {@link DekCache} when it has them, otherwise from KMS through
 * the {@link KmsGateway} (then cached). Concurrent misses for the same DEK wait for one KMS call
 * instead of each making their own, so a cold hot tenant costs one Decrypt, not one per request.
 * Every DEK handed out is a copy that the caller closes (try-with-resources).
 */
final class TenantDeks {

    private static final long WAIT_FOR_OTHER_LOAD_SECONDS = 60;

    private final KmsGateway kms;
    private final DekCache cache;
    private final ConcurrentHashMap<DekCache.Key, CompletableFuture<Void>> loading = new ConcurrentHashMap<>();

    TenantDeks(KmsGateway kms, DekCache cache) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** Has KMS generate DEK {@code dekVersion} of a tenant, caches it, returns what the host stores. */
    DataKeyRef create(UUID tenantId, int dekVersion, String kmsKeyId, AwsCredentials credentials)
            throws EnclaveException {
        try (GeneratedDek generated = kms.generateDataKey(tenantId, dekVersion, kmsKeyId, credentials)) {
            DataKeyRef ref = new DataKeyRef(dekVersion, generated.keyArn(), generated.ciphertextBlob());
            cache.put(DekCache.Key.of(tenantId, ref), generated.dek(), 0);
            return ref;
        }
    }

    /** The DEK that {@code ref} refers to, for {@code tenantId}: a copy the caller must close. */
    SecretBytes open(UUID tenantId, DataKeyRef ref, AwsCredentials credentials) throws EnclaveException {
        KmsChecks.requireKeyArn(ref);
        DekCache.Key key = DekCache.Key.of(tenantId, ref);
        SecretBytes dek = cache.get(key);
        if (dek != null) {
            return dek;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other = loading.putIfAbsent(key, mine);
        if (other == null) {
            try {
                return load(key, tenantId, ref, credentials);
            } finally {
                loading.remove(key, mine);
                mine.complete(null);
            }
        }
        awaitOtherLoad(other);
        dek = cache.get(key);
        // The other load failed (e.g. its credentials were refused): try with this request's own.
        return dek != null ? dek : load(key, tenantId, ref, credentials);
    }

    private SecretBytes load(DekCache.Key key, UUID tenantId, DataKeyRef ref, AwsCredentials credentials)
            throws EnclaveException {
        SecretBytes dek = kms.decrypt(tenantId, ref, credentials);
        cache.put(key, dek, 1); // this request is its first use
        return dek;
    }

    private static void awaitOtherLoad(CompletableFuture<Void> other) throws EnclaveException {
        try {
            other.get(WAIT_FOR_OTHER_LOAD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnclaveException(ErrorCode.INTERNAL, "interrupted while waiting for KMS");
        } catch (ExecutionException | TimeoutException e) {
            // fall through: the caller loads the DEK itself
        }
    }
}
