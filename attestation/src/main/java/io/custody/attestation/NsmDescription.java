package io.custody.attestation;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The NSM's {@code DescribeNSM} answer, fields in wire order.
 *
 * @param lockedPcrs indexes of the read-only PCRs, ascending
 * @param digest     PCR bank digest, {@code "SHA384"} on Nitro
 */
public record NsmDescription(
        int versionMajor,
        int versionMinor,
        int versionPatch,
        String moduleId,
        int maxPcrs,
        SortedSet<Integer> lockedPcrs,
        String digest) {

    public NsmDescription {
        Objects.requireNonNull(moduleId, "moduleId");
        lockedPcrs = Collections.unmodifiableSortedSet(new TreeSet<>(lockedPcrs));
        Objects.requireNonNull(digest, "digest");
    }
}
