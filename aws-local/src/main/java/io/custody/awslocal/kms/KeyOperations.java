package io.custody.awslocal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Caller;
import io.custody.awslocal.http.Json;
import io.custody.awslocal.http.JsonRequest;
import io.custody.awslocal.http.PageToken;
import io.custody.awslocal.policy.MalformedPolicyException;
import io.custody.awslocal.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Key management: CreateKey, DescribeKey, ListKeys, aliases, key policies, enable/disable, deletion. */
final class KeyOperations {

    private static final long DAY_MILLIS = 86_400_000L;
    private static final String POLICY_NAME = "default";

    private final KmsStore store;
    private final KmsSettings settings;
    private final KeyResolver resolver;
    private final KeyAuthorizer authorizer;

    KeyOperations(KmsStore store, KmsSettings settings, KeyResolver resolver, KeyAuthorizer authorizer) {
        this.store = store;
        this.settings = settings;
        this.resolver = resolver;
        this.authorizer = authorizer;
    }

    /** CreateKey is governed by IAM in AWS, which the emulator does not model: any caller may create keys. */
    JsonNode createKey(JsonRequest request) {
        requireValue(request, "KeyUsage", "ENCRYPT_DECRYPT");
        requireValue(request, "KeySpec", "SYMMETRIC_DEFAULT");
        requireValue(request, "CustomerMasterKeySpec", "SYMMETRIC_DEFAULT");
        requireValue(request, "Origin", "AWS_KMS");
        if (request.bool("MultiRegion") || request.has("CustomKeyStoreId") || request.has("XksKeyId")) {
            throw new KmsException(KmsError.UNSUPPORTED_OPERATION,
                    "The emulator supports only single-region keys in the default key store.");
        }
        String description = request.string("Description").orElse("");
        if (description.length() > 8192) {
            throw new KmsException(KmsError.VALIDATION, "Description must be at most 8192 characters");
        }
        String policyText = request.string("Policy").orElseGet(() -> PolicyDocument.defaultKeyPolicy(settings.accountRootArn()));
        PolicyDocument policy = parsePolicy(policyText);
        String id = UUID.randomUUID().toString();
        KmsKey key = new KmsKey(id, settings.keyArn(id), settings.nowMillis(), description, KeyState.Enabled, null,
                null, policyText, policy, KeyMaterial.generate(KmsSettings.random()), tags(request));
        store.write(() -> {
            store.commit(KmsStore.createKeyEvent(key));
            return null;
        });
        ObjectNode response = Json.object();
        response.set("KeyMetadata", KeyMetadataJson.of(key, settings.account()));
        return response;
    }

    JsonNode describeKey(JsonRequest request, Caller caller) {
        KmsKey key = resolver.resolve(request.requiredString("KeyId"));
        authorizer.authorize(key, "kms:DescribeKey", caller, KeyAuthorizer.Extras.NONE);
        ObjectNode response = Json.object();
        response.set("KeyMetadata", KeyMetadataJson.of(key, settings.account()));
        return response;
    }

    /** ListKeys, like CreateKey, is an IAM-governed account operation: open to any caller here. */
    JsonNode listKeys(JsonRequest request) {
        List<KmsKey> keys = store.keys(settings.nowMillis());
        PageToken.Page page = page(request, keys.size(), 1000);
        ObjectNode response = Json.object();
        var list = response.putArray("Keys");
        for (KmsKey key : keys.subList(page.from(), page.to())) {
            list.addObject().put("KeyId", key.id()).put("KeyArn", key.arn());
        }
        putPageEnd(response, page);
        return response;
    }

    JsonNode createAlias(JsonRequest request, Caller caller) {
        String name = request.requiredString("AliasName");
        String target = request.requiredString("TargetKeyId");
        if (!name.matches("alias/[a-zA-Z0-9/_-]{1,250}") || name.startsWith("alias/aws/")) {
            throw new KmsException(KmsError.INVALID_ALIAS_NAME, "Alias must start with alias/, use only "
                    + "[a-zA-Z0-9/_-], and not start with alias/aws/");
        }
        if (target.startsWith("alias/") || target.contains(":alias/")) {
            throw new KmsException(KmsError.VALIDATION, "TargetKeyId must be a key id or key ARN, not an alias");
        }
        KmsKey key = resolver.resolve(target);
        authorizer.authorize(key, "kms:CreateAlias", caller, KeyAuthorizer.Extras.NONE);
        return store.write(() -> {
            if (store.alias(name) != null && store.key(store.alias(name).targetKeyId(), settings.nowMillis()) != null) {
                throw new KmsException(KmsError.ALREADY_EXISTS, "An alias with the name " + settings.aliasArn(name)
                        + " already exists");
            }
            KmsKey current = requireCurrent(key.id());
            if (current.state() == KeyState.PendingDeletion) {
                throw new KmsException(KmsError.INVALID_STATE, current.arn() + " is pending deletion.");
            }
            store.commit(KmsStore.aliasEvent(new Alias(name, settings.aliasArn(name), key.id(), settings.nowMillis())));
            return Json.object();
        });
    }

    /** ListAliases, like ListKeys, is governed by IAM in AWS: open to any caller here. */
    JsonNode listAliases(JsonRequest request) {
        List<Alias> aliases = store.aliases(settings.nowMillis());
        if (request.has("KeyId")) {
            KmsKey key = resolver.resolve(request.requiredString("KeyId"));
            aliases = aliases.stream().filter(a -> a.targetKeyId().equals(key.id())).toList();
        }
        PageToken.Page page = page(request, aliases.size(), 100);
        ObjectNode response = Json.object();
        var list = response.putArray("Aliases");
        for (Alias alias : aliases.subList(page.from(), page.to())) {
            ObjectNode entry = list.addObject();
            entry.put("AliasName", alias.name());
            entry.put("AliasArn", alias.arn());
            entry.put("TargetKeyId", alias.targetKeyId());
            Json.putTimestamp(entry, "CreationDate", alias.createdMillis());
            Json.putTimestamp(entry, "LastUpdatedDate", alias.createdMillis());
        }
        putPageEnd(response, page);
        return response;
    }

    JsonNode getKeyPolicy(JsonRequest request, Caller caller) {
        KmsKey key = resolver.resolve(request.requiredString("KeyId"));
        requirePolicyName(request);
        authorizer.authorize(key, "kms:GetKeyPolicy", caller, KeyAuthorizer.Extras.NONE);
        ObjectNode response = Json.object();
        response.put("Policy", key.policyText());
        response.put("PolicyName", POLICY_NAME);
        return response;
    }

    /**
     * Replaces the key policy. Unlike AWS there is no lockout safety check: a policy that locks the
     * caller out is accepted (BypassPolicyLockoutSafetyCheck is ignored).
     */
    JsonNode putKeyPolicy(JsonRequest request, Caller caller) {
        KmsKey key = resolver.resolve(request.requiredString("KeyId"));
        requirePolicyName(request);
        String text = request.requiredString("Policy");
        parsePolicy(text);
        authorizer.authorize(key, "kms:PutKeyPolicy", caller, KeyAuthorizer.Extras.NONE);
        return store.write(() -> {
            requireCurrent(key.id());
            store.commit(KmsStore.policyEvent(key.id(), text));
            return Json.object();
        });
    }

    JsonNode enableKey(JsonRequest request, Caller caller) {
        return changeState(request, caller, "kms:EnableKey", KeyState.Enabled);
    }

    JsonNode disableKey(JsonRequest request, Caller caller) {
        return changeState(request, caller, "kms:DisableKey", KeyState.Disabled);
    }

    private JsonNode changeState(JsonRequest request, Caller caller, String action, KeyState target) {
        KmsKey key = resolver.resolve(request.requiredString("KeyId"));
        authorizer.authorize(key, action, caller, KeyAuthorizer.Extras.NONE);
        return store.write(() -> {
            KmsKey current = requireCurrent(key.id());
            if (current.state() == KeyState.PendingDeletion) {
                throw new KmsException(KmsError.INVALID_STATE, current.arn() + " is pending deletion.");
            }
            if (current.state() != target) {
                store.commit(KmsStore.stateEvent(key.id(), target, null, null));
            }
            return Json.object();
        });
    }

    JsonNode scheduleKeyDeletion(JsonRequest request, Caller caller) {
        KmsKey key = resolver.resolve(request.requiredString("KeyId"));
        int window = request.integer("PendingWindowInDays", 7, 30).orElse(30);
        authorizer.authorize(key, "kms:ScheduleKeyDeletion", caller, KeyAuthorizer.Extras.NONE);
        return store.write(() -> {
            KmsKey current = requireCurrent(key.id());
            if (current.state() == KeyState.PendingDeletion) {
                throw new KmsException(KmsError.INVALID_STATE, current.arn() + " is pending deletion.");
            }
            long deletionDate = settings.nowMillis() + window * DAY_MILLIS;
            store.commit(KmsStore.stateEvent(key.id(), KeyState.PendingDeletion, deletionDate, window));
            ObjectNode response = Json.object();
            response.put("KeyId", key.arn());
            Json.putTimestamp(response, "DeletionDate", deletionDate);
            response.put("KeyState", KeyState.PendingDeletion.name());
            response.put("PendingWindowInDays", window);
            return response;
        });
    }

    /** As in AWS, a key whose deletion is cancelled comes back Disabled. */
    JsonNode cancelKeyDeletion(JsonRequest request, Caller caller) {
        KmsKey key = resolver.resolve(request.requiredString("KeyId"));
        authorizer.authorize(key, "kms:CancelKeyDeletion", caller, KeyAuthorizer.Extras.NONE);
        return store.write(() -> {
            KmsKey current = requireCurrent(key.id());
            if (current.state() != KeyState.PendingDeletion) {
                throw new KmsException(KmsError.INVALID_STATE, current.arn() + " is not pending deletion.");
            }
            store.commit(KmsStore.stateEvent(key.id(), KeyState.Disabled, null, null));
            ObjectNode response = Json.object();
            response.put("KeyId", key.arn());
            return response;
        });
    }

    private KmsKey requireCurrent(String keyId) {
        KmsKey current = store.key(keyId, settings.nowMillis());
        if (current == null) {
            throw new KmsException(KmsError.NOT_FOUND, "Key '" + settings.keyArn(keyId) + "' does not exist");
        }
        return current;
    }

    private static PolicyDocument parsePolicy(String text) {
        try {
            return PolicyDocument.parse(text);
        } catch (MalformedPolicyException e) {
            throw new KmsException(KmsError.MALFORMED_POLICY, "The key policy is malformed: " + e.getMessage());
        }
    }

    private static void requirePolicyName(JsonRequest request) {
        String name = request.string("PolicyName").orElse(POLICY_NAME);
        if (!name.equals(POLICY_NAME)) {
            throw new KmsException(KmsError.NOT_FOUND, "Key policy name must be 'default'");
        }
    }

    private static void requireValue(JsonRequest request, String field, String supported) {
        request.string(field).filter(v -> !v.equals(supported)).ifPresent(v -> {
            throw new KmsException(KmsError.UNSUPPORTED_OPERATION,
                    "The emulator supports only " + field + " " + supported);
        });
    }

    private static Map<String, String> tags(JsonRequest request) {
        TreeMap<String, String> tags = new TreeMap<>();
        for (JsonRequest tag : request.objectList("Tags")) {
            tags.put(tag.requiredString("TagKey"), tag.requiredString("TagValue"));
        }
        return tags;
    }

    private static PageToken.Page page(JsonRequest request, int total, int maxLimit) {
        int limit = request.integer("Limit", 1, maxLimit).orElse(100);
        int from = request.string("Marker").map(marker -> PageToken.decode(marker, total)).orElse(0);
        if (from < 0) {
            throw new KmsException(KmsError.INVALID_MARKER, "Invalid marker");
        }
        return new PageToken.Page(from, Math.min(total, from + limit), total);
    }

    private static void putPageEnd(ObjectNode response, PageToken.Page page) {
        response.put("Truncated", page.to() < page.total());
        if (page.to() < page.total()) {
            response.put("NextMarker", PageToken.encode(page.to()));
        }
    }
}
