package io.custody.awslocal.secrets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Json;

/** The response shapes shared by several operations. */
final class SecretJson {

    private SecretJson() {
    }

    static ObjectNode arnAndName(Secret secret) {
        ObjectNode node = Json.object();
        node.put("ARN", secret.arn());
        node.put("Name", secret.name());
        return node;
    }

    /** DescribeSecret ({@code versionsField = VersionIdsToStages}) and ListSecrets entries ({@code SecretVersionsToStages}). */
    static ObjectNode description(Secret secret, Long lastAccessedMillis, String versionsField) {
        ObjectNode node = arnAndName(secret);
        if (secret.description() != null) {
            node.put("Description", secret.description());
        }
        if (secret.kmsKeyId() != null) {
            node.put("KmsKeyId", secret.kmsKeyId());
        }
        Json.putTimestamp(node, "LastChangedDate", secret.lastChangedMillis());
        if (lastAccessedMillis != null) {
            Json.putTimestamp(node, "LastAccessedDate", lastAccessedMillis);
        }
        if (secret.deletedMillis() != null) {
            Json.putTimestamp(node, "DeletedDate", secret.deletedMillis());
        }
        if (!secret.tags().isEmpty()) {
            node.set("Tags", tags(secret));
        }
        ObjectNode versions = node.putObject(versionsField);
        secret.versions().values().stream().filter(v -> !v.stages().isEmpty())
                .forEach(v -> versions.set(v.id(), Json.strings(v.stages())));
        Json.putTimestamp(node, "CreatedDate", secret.createdMillis());
        return node;
    }

    /** GetSecretValue and the entries of BatchGetSecretValue. */
    static ObjectNode value(Secret secret, SecretVersion version) {
        ObjectNode node = arnAndName(secret);
        node.put("VersionId", version.id());
        version.value().writeTo(node);
        node.set("VersionStages", Json.strings(version.stages()));
        Json.putTimestamp(node, "CreatedDate", version.createdMillis());
        return node;
    }

    private static ArrayNode tags(Secret secret) {
        ArrayNode array = Json.array();
        secret.tags().forEach((k, v) -> array.addObject().put("Key", k).put("Value", v));
        return array;
    }
}
