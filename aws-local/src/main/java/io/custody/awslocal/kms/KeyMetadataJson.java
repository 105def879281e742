package io.custody.awslocal.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Json;
import java.util.List;

/** The {@code KeyMetadata} shape of the KMS model. */
final class KeyMetadataJson {

    private KeyMetadataJson() {
    }

    static ObjectNode of(KmsKey key, String account) {
        ObjectNode node = Json.object();
        node.put("AWSAccountId", account);
        node.put("KeyId", key.id());
        node.put("Arn", key.arn());
        Json.putTimestamp(node, "CreationDate", key.createdMillis());
        node.put("Enabled", key.state() == KeyState.Enabled);
        node.put("Description", key.description() == null ? "" : key.description());
        node.put("KeyUsage", "ENCRYPT_DECRYPT");
        node.put("KeyState", key.state().name());
        if (key.state() == KeyState.PendingDeletion) {
            Json.putTimestamp(node, "DeletionDate", key.deletionDateMillis());
            node.put("PendingDeletionWindowInDays", key.pendingWindowDays());
        }
        node.put("Origin", "AWS_KMS");
        node.put("KeyManager", "CUSTOMER");
        node.put("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT");
        node.put("KeySpec", "SYMMETRIC_DEFAULT");
        node.set("EncryptionAlgorithms", Json.strings(List.of("SYMMETRIC_DEFAULT")));
        node.put("MultiRegion", false);
        return node;
    }
}
