package io.custody.awslocal.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Json;
import io.custody.awslocal.store.EventLog;
import io.custody.awslocal.store.Journal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets, rebuilt from the journal on start. Same discipline as the KMS store: build an
 * event, append it durably, then apply it, under one write lock; reads are lock-free.
 */
final class SecretsStore extends EventLog {

    private final ConcurrentHashMap<String, Secret> byArn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> arnByName = new ConcurrentHashMap<>();

    SecretsStore(Journal journal) throws IOException {
        super(journal, "Secrets Manager");
        replay();
    }



    /** The secret named by a name, full ARN or partial ARN (without the 6-character suffix), or null. */
    Secret find(String secretId, long nowMillis) {
        Secret secret;
        if (secretId.startsWith("arn:")) {
            secret = byArn.get(secretId);
            if (secret == null && secretId.contains(":secret:")) {
                Secret byName = byName(secretId.substring(secretId.indexOf(":secret:") + ":secret:".length()));
                secret = byName != null && byName.arn().length() == secretId.length() + 7
                        && byName.arn().startsWith(secretId + "-") ? byName : null;
            }
        } else {
            secret = byName(secretId);
        }
        return secret == null || secret.isPurged(nowMillis) ? null : secret;
    }

    /** Every live secret, including those scheduled for deletion. */
    List<Secret> all(long nowMillis) {
        return byArn.values().stream().filter(s -> !s.isPurged(nowMillis)).toList();
    }

    private Secret byName(String name) {
        String arn = arnByName.get(name);
        return arn == null ? null : byArn.get(arn);
    }

    // ---- events ------------------------------------------------------------------------------

    static ObjectNode createEvent(Secret secret) {
        ObjectNode event = event("CreateSecret", secret.arn());
        event.put("name", secret.name());
        event.put("description", secret.description());
        event.put("kmsKeyId", secret.kmsKeyId());
        event.put("created", secret.createdMillis());
        event.set("tags", tagsJson(secret.tags()));
        return event;
    }

    static ObjectNode versionEvent(String arn, SecretVersion version) {
        ObjectNode event = event("PutVersion", arn);
        event.put("versionId", version.id());
        event.put("created", version.createdMillis());
        event.set("stages", Json.strings(version.stages()));
        version.value().writeJournal(event);
        return event;
    }

    static ObjectNode deleteEvent(String arn, long deleted, long deletionDate) {
        ObjectNode event = event("Delete", arn);
        event.put("deleted", deleted);
        event.put("deletionDate", deletionDate);
        return event;
    }

    static ObjectNode forceDeleteEvent(String arn) {
        return event("ForceDelete", arn);
    }

    static ObjectNode restoreEvent(String arn) {
        return event("Restore", arn);
    }

    static ObjectNode tagsEvent(String arn, Map<String, String> tags, long changed) {
        ObjectNode event = event("Tags", arn);
        event.set("tags", tagsJson(tags));
        event.put("changed", changed);
        return event;
    }

    private static ObjectNode event(String type, String arn) {
        ObjectNode event = Json.object();
        event.put("e", type);
        event.put("arn", arn);
        return event;
    }

    /** Tags as [[key, value], ...] to keep their order. */
    private static JsonNode tagsJson(Map<String, String> tags) {
        var array = Json.array();
        tags.forEach((k, v) -> array.addArray().add(k).add(v));
        return array;
    }

    private static Map<String, String> readTags(JsonNode node) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        node.forEach(pair -> tags.put(pair.get(0).textValue(), pair.get(1).textValue()));
        return tags;
    }

    @Override
    protected void apply(JsonNode event) {
        String arn = event.get("arn").textValue();
        switch (event.get("e").textValue()) {
            case "CreateSecret" -> {
                String name = event.get("name").textValue();
                String previous = arnByName.put(name, arn);
                if (previous != null) {
                    byArn.remove(previous); // the old secret's recovery window had ended
                }
                byArn.put(arn, new Secret(arn, name, event.get("description").textValue(),
                        event.get("kmsKeyId").textValue(), readTags(event.get("tags")),
                        event.get("created").longValue(), event.get("created").longValue(), null, null,
                        Map.of()));
            }
            case "PutVersion" -> byArn.computeIfPresent(arn, (k, secret) -> secret.withVersion(new SecretVersion(
                    event.get("versionId").textValue(), SecretValue.readJournal(event),
                    event.get("created").longValue(), stages(event.get("stages")))));
            case "Delete" -> byArn.computeIfPresent(arn, (k, secret) -> secret.withDeletion(
                    event.get("deleted").longValue(), event.get("deletionDate").longValue()));
            case "ForceDelete" -> {
                Secret removed = byArn.remove(arn);
                if (removed != null) {
                    arnByName.remove(removed.name(), arn);
                }
            }
            case "Restore" -> byArn.computeIfPresent(arn, (k, secret) -> secret.withDeletion(null, null));
            case "Tags" -> byArn.computeIfPresent(arn, (k, secret) -> secret.withTags(readTags(event.get("tags")),
                    event.get("changed").longValue()));
            default -> throw new IllegalStateException("unknown Secrets Manager journal event " + event.get("e"));
        }
    }

    private static Set<String> stages(JsonNode node) {
        List<String> stages = new ArrayList<>();
        node.forEach(stage -> stages.add(stage.textValue()));
        return Set.copyOf(stages);
    }
}
