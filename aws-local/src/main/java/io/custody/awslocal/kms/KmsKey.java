package io.custody.awslocal.kms;

import io.custody.awslocal.policy.PolicyDocument;
import java.util.Map;

/**
 * One symmetric KMS key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT). Immutable: a change produces a copy.
 *
 * @param deletionDateMillis set only in {@link KeyState#PendingDeletion}
 */
record KmsKey(String id, String arn, long createdMillis, String description, KeyState state,
              Long deletionDateMillis, Integer pendingWindowDays, String policyText, PolicyDocument policy,
              KeyMaterial material, Map<String, String> tags) {

    KmsKey {
        tags = Map.copyOf(tags);
    }

    KmsKey withState(KeyState newState, Long deletionDate, Integer window) {
        return new KmsKey(id, arn, createdMillis, description, newState, deletionDate, window, policyText, policy,
                material, tags);
    }

    KmsKey withPolicy(String text, PolicyDocument parsed) {
        return new KmsKey(id, arn, createdMillis, description, state, deletionDateMillis, pendingWindowDays, text,
                parsed, material, tags);
    }

    /** Past its deletion date the key is gone, as if KMS had deleted it. */
    boolean isDeleted(long nowMillis) {
        return state == KeyState.PendingDeletion && deletionDateMillis != null && nowMillis >= deletionDateMillis;
    }

    /** The state check every cryptographic operation makes. */
    void requireUsable() {
        switch (state) {
            case Enabled -> {
            }
            case Disabled -> throw new KmsException(KmsError.DISABLED, arn + " is disabled.");
            case PendingDeletion -> throw new KmsException(KmsError.INVALID_STATE, arn + " is pending deletion.");
        }
    }
}
