package io.custody.awslocal.secrets;

import java.util.Set;
import java.util.TreeSet;

/** One version of a secret; immutable. A version without stages is deprecated but still readable by id. */
record SecretVersion(String id, SecretValue value, long createdMillis, Set<String> stages) {

    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";

    SecretVersion {
        stages = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(stages));
    }

    SecretVersion withStages(Set<String> newStages) {
        return new SecretVersion(id, value, createdMillis, newStages);
    }
}
