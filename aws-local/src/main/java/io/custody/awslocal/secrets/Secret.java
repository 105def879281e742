package io.custody.awslocal.secrets;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A secret and its versions; immutable, a change produces a copy.
 *
 * @param deletedMillis      when DeleteSecret was called (null unless scheduled for deletion)
 * @param deletionDateMillis when the recovery window ends and the secret is gone
 */
record Secret(String arn, String name, String description, String kmsKeyId, Map<String, String> tags,
              long createdMillis, long lastChangedMillis, Long deletedMillis, Long deletionDateMillis,
              Map<String, SecretVersion> versions) {

    Secret {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    boolean isScheduledForDeletion() {
        return deletedMillis != null;
    }

    /** Past the recovery window the secret no longer exists. */
    boolean isPurged(long nowMillis) {
        return deletionDateMillis != null && nowMillis >= deletionDateMillis;
    }

    Optional<SecretVersion> versionWithStage(String stage) {
        return versions.values().stream().filter(v -> v.stages().contains(stage)).findFirst();
    }

    /**
     * Adds a version carrying {@code stages}. Each stage moves off any other version; if AWSCURRENT
     * moves, the version that had it gets AWSPREVIOUS (which moves off its previous holder).
     */
    Secret withVersion(SecretVersion added) {
        LinkedHashMap<String, SecretVersion> updated = new LinkedHashMap<>();
        String oldCurrent = added.stages().contains(SecretVersion.CURRENT)
                ? versionWithStage(SecretVersion.CURRENT).map(SecretVersion::id).orElse(null) : null;
        for (SecretVersion version : versions.values()) {
            Set<String> stages = new HashSet<>(version.stages());
            stages.removeAll(added.stages());
            if (oldCurrent != null) {
                stages.remove(SecretVersion.PREVIOUS);
                if (version.id().equals(oldCurrent) && !version.id().equals(added.id())) {
                    stages.add(SecretVersion.PREVIOUS);
                }
            }
            updated.put(version.id(), version.withStages(stages));
        }
        updated.put(added.id(), added);
        return new Secret(arn, name, description, kmsKeyId, tags, createdMillis, added.createdMillis(),
                deletedMillis, deletionDateMillis, updated);
    }

    Secret withDeletion(Long deleted, Long deletionDate) {
        return new Secret(arn, name, description, kmsKeyId, tags, createdMillis, lastChangedMillis, deleted,
                deletionDate, versions);
    }

    Secret withTags(Map<String, String> newTags, long changedMillis) {
        return new Secret(arn, name, description, kmsKeyId, newTags, createdMillis, changedMillis, deletedMillis,
                deletionDateMillis, versions);
    }
}
