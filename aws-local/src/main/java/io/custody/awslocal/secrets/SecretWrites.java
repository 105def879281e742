package io.custody.awslocal.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Json;
import io.custody.awslocal.http.JsonRequest;
import io.custody.awslocal.http.ProtocolException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** CreateSecret, PutSecretValue, DeleteSecret, RestoreSecret, TagResource, UntagResource. */
final class SecretWrites {

    private static final long DAY_MILLIS = 86_400_000L;
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsStore store;
    private final SecretsSettings settings;

    SecretWrites(SecretsStore store, SecretsSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    JsonNode create(JsonRequest request) {
        String name = request.requiredString("Name");
        if (name.isEmpty() || name.length() > 512 || !name.matches("[a-zA-Z0-9/_+=.@-]+")) {
            throw new SecretsException(SecretsError.INVALID_PARAMETER, "Invalid name. Must be a valid name "
                    + "containing alphanumeric characters, or any of the following: -/_+=.@!");
        }
        String description = request.string("Description").orElse(null);
        if (description != null && description.length() > 2048) {
            throw ProtocolException.validation("description", "have length less than or equal to 2048");
        }
        Optional<SecretValue> value = value(request);
        String versionId = token(request);
        Map<String, String> tags = tags(request.objectList("Tags"));
        return store.write(() -> {
            long now = settings.nowMillis();
            Secret existing = store.find(name, now);
            if (existing != null) {
                return repeatedCreate(existing, versionId, value);
            }
            Secret secret = new Secret(settings.secretArn(name, suffix()), name, description,
                    request.string("KmsKeyId").orElse(null), tags, now, now, null, null, Map.of());
            store.commit(SecretsStore.createEvent(secret));
            ObjectNode response = SecretJson.arnAndName(secret);
            value.ifPresent(v -> {
                store.commit(SecretsStore.versionEvent(secret.arn(),
                        new SecretVersion(versionId, v, now, Set.of(SecretVersion.CURRENT))));
                response.put("VersionId", versionId);
            });
            return response;
        });
    }

    /** Same token and same value: the retry of a create that succeeded. Anything else: the name is taken. */
    private static JsonNode repeatedCreate(Secret existing, String versionId, Optional<SecretValue> value) {
        if (existing.isScheduledForDeletion()) {
            throw new SecretsException(SecretsError.INVALID_REQUEST, "You can't create this secret because a "
                    + "secret with this name is already scheduled for deletion.");
        }
        SecretVersion version = existing.versions().get(versionId);
        if (version != null && value.isPresent() && version.value().sameAs(value.get())) {
            ObjectNode response = SecretJson.arnAndName(existing);
            response.put("VersionId", versionId);
            return response;
        }
        throw new SecretsException(SecretsError.RESOURCE_EXISTS,
                "The operation failed because the secret " + existing.name() + " already exists.");
    }

    JsonNode putValue(JsonRequest request) {
        String secretId = request.requiredString("SecretId");
        SecretValue value = value(request).orElseThrow(() -> new SecretsException(SecretsError.INVALID_PARAMETER,
                "You must provide either SecretString or SecretBinary."));
        String versionId = token(request);
        List<String> requestedStages = request.stringList("VersionStages");
        if (requestedStages.size() > 20) {
            throw ProtocolException.validation("versionStages", "have length less than or equal to 20");
        }
        Set<String> stages = requestedStages.isEmpty() ? Set.of(SecretVersion.CURRENT) : Set.copyOf(requestedStages);
        return store.write(() -> {
            long now = settings.nowMillis();
            Secret secret = liveSecret(secretId, now);
            SecretVersion existing = secret.versions().get(versionId);
            if (existing != null) {
                if (!existing.value().sameAs(value)) {
                    throw new SecretsException(SecretsError.RESOURCE_EXISTS,
                            "You can't modify an existing version, you can only create a new version.");
                }
                return versionResponse(secret, existing);
            }
            SecretVersion version = new SecretVersion(versionId, value, now, stages);
            store.commit(SecretsStore.versionEvent(secret.arn(), version));
            return versionResponse(secret, version);
        });
    }

    JsonNode delete(JsonRequest request) {
        String secretId = request.requiredString("SecretId");
        boolean force = request.bool("ForceDeleteWithoutRecovery");
        Optional<Integer> window = request.integer("RecoveryWindowInDays");
        if (force && window.isPresent()) {
            throw new SecretsException(SecretsError.INVALID_PARAMETER,
                    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        int days = window.orElse(30);
        if (days < 7 || days > 30) {
            throw new SecretsException(SecretsError.INVALID_PARAMETER,
                    "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        return store.write(() -> {
            long now = settings.nowMillis();
            Secret secret = store.find(secretId, now);
            if (secret == null) {
                if (force) { // AWS: a forced delete of a missing secret is not ResourceNotFoundException
                    ObjectNode response = Json.object();
                    response.put("Name", secretId);
                    Json.putTimestamp(response, "DeletionDate", now);
                    return response;
                }
                throw SecretsException.notFound();
            }
            ObjectNode response = SecretJson.arnAndName(secret);
            if (force) {
                store.commit(SecretsStore.forceDeleteEvent(secret.arn()));
                Json.putTimestamp(response, "DeletionDate", now);
            } else {
                if (secret.isScheduledForDeletion()) {
                    throw SecretsException.markedForDeletion();
                }
                long deletionDate = now + days * DAY_MILLIS;
                store.commit(SecretsStore.deleteEvent(secret.arn(), now, deletionDate));
                Json.putTimestamp(response, "DeletionDate", deletionDate);
            }
            return response;
        });
    }

    JsonNode restore(JsonRequest request) {
        String secretId = request.requiredString("SecretId");
        return store.write(() -> {
            Secret secret = store.find(secretId, settings.nowMillis());
            if (secret == null) {
                throw SecretsException.notFound();
            }
            if (secret.isScheduledForDeletion()) {
                store.commit(SecretsStore.restoreEvent(secret.arn()));
            }
            return SecretJson.arnAndName(secret);
        });
    }

    JsonNode tag(JsonRequest request) {
        String secretId = request.requiredString("SecretId");
        if (!request.has("Tags")) {
            throw ProtocolException.validation("tags", "not be null");
        }
        Map<String, String> added = tags(request.objectList("Tags"));
        return store.write(() -> {
            long now = settings.nowMillis();
            Secret secret = liveSecret(secretId, now);
            LinkedHashMap<String, String> tags = new LinkedHashMap<>(secret.tags());
            tags.putAll(added);
            store.commit(SecretsStore.tagsEvent(secret.arn(), tags, now));
            return Json.object();
        });
    }

    JsonNode untag(JsonRequest request) {
        String secretId = request.requiredString("SecretId");
        if (!request.has("TagKeys")) {
            throw ProtocolException.validation("tagKeys", "not be null");
        }
        List<String> keys = request.stringList("TagKeys");
        return store.write(() -> {
            long now = settings.nowMillis();
            Secret secret = liveSecret(secretId, now);
            LinkedHashMap<String, String> tags = new LinkedHashMap<>(secret.tags());
            keys.forEach(tags::remove);
            store.commit(SecretsStore.tagsEvent(secret.arn(), tags, now));
            return Json.object();
        });
    }

    private Secret liveSecret(String secretId, long now) {
        Secret secret = store.find(secretId, now);
        if (secret == null) {
            throw SecretsException.notFound();
        }
        if (secret.isScheduledForDeletion()) {
            throw SecretsException.markedForDeletion();
        }
        return secret;
    }

    private static ObjectNode versionResponse(Secret secret, SecretVersion version) {
        ObjectNode response = SecretJson.arnAndName(secret);
        response.put("VersionId", version.id());
        response.set("VersionStages", Json.strings(version.stages()));
        return response;
    }

    /** SecretString or SecretBinary (not both), at most 65,536 bytes. */
    private static Optional<SecretValue> value(JsonRequest request) {
        boolean hasString = request.has("SecretString");
        boolean hasBinary = request.has("SecretBinary");
        if (hasString && hasBinary) {
            throw new SecretsException(SecretsError.INVALID_PARAMETER,
                    "You can't specify both a binary secret value and a string secret value in the same secret.");
        }
        Optional<SecretValue> value = hasString ? request.string("SecretString").map(SecretValue::ofString)
                : request.blob("SecretBinary").map(SecretValue::ofBinary);
        value.ifPresent(v -> {
            if (v.sizeBytes() > SecretValue.MAX_BYTES) {
                throw ProtocolException.validation(hasString ? "secretString" : "secretBinary",
                        "have length less than or equal to " + SecretValue.MAX_BYTES);
            }
            if (v.sizeBytes() == 0) {
                throw ProtocolException.validation(hasString ? "secretString" : "secretBinary",
                        "have length greater than or equal to 1");
            }
        });
        return value;
    }

    /** The SDKs always send a token (idempotencyToken trait); raw callers may not. */
    private static String token(JsonRequest request) {
        String token = request.string("ClientRequestToken").orElseGet(() -> UUID.randomUUID().toString());
        if (token.length() < 32 || token.length() > 64) {
            throw ProtocolException.validation("clientRequestToken", "have length between 32 and 64");
        }
        return token;
    }

    private static Map<String, String> tags(List<JsonRequest> tagList) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        for (JsonRequest tag : tagList) {
            String key = tag.requiredString("Key");
            String value = tag.string("Value").orElse("");
            if (key.isEmpty() || key.length() > 128 || value.length() > 256) {
                throw new SecretsException(SecretsError.INVALID_PARAMETER,
                        "Tag keys must be 1..128 and tag values 0..256 characters");
            }
            tags.put(key, value);
        }
        return tags;
    }

    private static String suffix() {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }
}
