package io.custody.awslocal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Json;
import io.custody.awslocal.policy.MalformedPolicyException;
import io.custody.awslocal.policy.PolicyDocument;
import io.custody.awslocal.store.EventLog;
import io.custody.awslocal.store.Journal;
import java.io.IOException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys and aliases, rebuilt from the journal on start.
 *
 * <p>Writes are event-sourced: an operation builds an event, {@link #commit} appends it to the
 * journal (durable on return) and only then applies it, all under one lock, so the check that
 * precedes a write and the write are atomic. Reads go to the concurrent maps without the lock.
 */
final class KmsStore extends EventLog {

    private final ConcurrentHashMap<String, KmsKey> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Alias> aliases = new ConcurrentHashMap<>();

    KmsStore(Journal journal) throws IOException {
        super(journal, "KMS");
        replay();
    }



    /** The live key with this id, or null (unknown, or past its deletion date). */
    KmsKey key(String id, long nowMillis) {
        KmsKey key = keys.get(id);
        return key == null || key.isDeleted(nowMillis) ? null : key;
    }

    Alias alias(String name) {
        return aliases.get(name);
    }

    List<KmsKey> keys(long nowMillis) {
        return keys.values().stream().filter(k -> !k.isDeleted(nowMillis))
                .sorted(Comparator.comparingLong(KmsKey::createdMillis).thenComparing(KmsKey::id)).toList();
    }

    List<Alias> aliases(long nowMillis) {
        return aliases.values().stream().filter(a -> key(a.targetKeyId(), nowMillis) != null)
                .sorted(Comparator.comparing(Alias::name)).toList();
    }

    // ---- events ------------------------------------------------------------------------------

    static ObjectNode createKeyEvent(KmsKey key) {
        ObjectNode event = event("CreateKey", key.id());
        event.put("arn", key.arn());
        event.put("created", key.createdMillis());
        event.put("description", key.description());
        event.put("policy", key.policyText());
        event.put("material", Base64.getEncoder().encodeToString(key.material().exportForJournal()));
        event.set("tags", Json.stringMap(key.tags()));
        return event;
    }

    static ObjectNode stateEvent(String keyId, KeyState state, Long deletionDate, Integer window) {
        ObjectNode event = event("KeyState", keyId);
        event.put("state", state.name());
        if (deletionDate != null) {
            event.put("deletionDate", deletionDate);
            event.put("window", window);
        }
        return event;
    }

    static ObjectNode policyEvent(String keyId, String policy) {
        ObjectNode event = event("KeyPolicy", keyId);
        event.put("policy", policy);
        return event;
    }

    static ObjectNode aliasEvent(Alias alias) {
        ObjectNode event = event("CreateAlias", alias.targetKeyId());
        event.put("name", alias.name());
        event.put("arn", alias.arn());
        event.put("created", alias.createdMillis());
        return event;
    }

    private static ObjectNode event(String type, String keyId) {
        ObjectNode event = Json.object();
        event.put("e", type);
        event.put("id", keyId);
        return event;
    }

    @Override
    protected void apply(JsonNode event) {
        String id = event.get("id").textValue();
        switch (event.get("e").textValue()) {
            case "CreateKey" -> keys.put(id, new KmsKey(id, event.get("arn").textValue(),
                    event.get("created").longValue(), event.get("description").textValue(), KeyState.Enabled,
                    null, null, event.get("policy").textValue(), parseStoredPolicy(event.get("policy").textValue()),
                    KeyMaterial.fromJournal(Base64.getDecoder().decode(event.get("material").textValue())),
                    stringMap(event.get("tags"))));
            case "KeyState" -> keys.computeIfPresent(id, (k, key) -> key.withState(
                    KeyState.valueOf(event.get("state").textValue()),
                    event.has("deletionDate") ? event.get("deletionDate").longValue() : null,
                    event.has("window") ? event.get("window").intValue() : null));
            case "KeyPolicy" -> keys.computeIfPresent(id, (k, key) -> key.withPolicy(
                    event.get("policy").textValue(), parseStoredPolicy(event.get("policy").textValue())));
            case "CreateAlias" -> aliases.put(event.get("name").textValue(), new Alias(event.get("name").textValue(),
                    event.get("arn").textValue(), id, event.get("created").longValue()));
            default -> throw new IllegalStateException("unknown KMS journal event " + event.get("e"));
        }
    }

    private static PolicyDocument parseStoredPolicy(String text) {
        try {
            return PolicyDocument.parse(text);
        } catch (MalformedPolicyException e) {
            throw new IllegalStateException("a stored key policy no longer parses: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> stringMap(JsonNode node) {
        TreeMap<String, String> map = new TreeMap<>();
        if (node != null) {
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().textValue()));
        }
        return map;
    }
}
