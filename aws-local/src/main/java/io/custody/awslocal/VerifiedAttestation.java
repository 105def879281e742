package io.custody.awslocal;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What KMS takes from a verified attestation document.
 *
 * @param publicKey the document's {@code public_key}: DER SubjectPublicKeyInfo of an RSA key
 *                  (null when the document has none; KMS then refuses the Recipient)
 * @param pcrs      PCR index (0..31) to its value (32, 48 or 64 bytes); PCR0 is ImageSha384
 */
public record VerifiedAttestation(byte[] publicKey, Map<Integer, byte[]> pcrs) {

    public VerifiedAttestation {
        publicKey = publicKey == null ? null : publicKey.clone();
        Objects.requireNonNull(pcrs, "pcrs");
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        pcrs.forEach((index, value) -> {
            if (index == null || index < 0 || index > 31) {
                throw new IllegalArgumentException("PCR index must be in 0..31");
            }
            copy.put(index, Objects.requireNonNull(value, "PCR value").clone());
        });
        pcrs = Collections.unmodifiableMap(copy);
    }

    @Override
    public byte[] publicKey() {
        return publicKey == null ? null : publicKey.clone();
    }

    /** The PCR values are copies; the map is unmodifiable. */
    @Override
    public Map<Integer, byte[]> pcrs() {
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        pcrs.forEach((index, value) -> copy.put(index, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof VerifiedAttestation that) || !Arrays.equals(publicKey, that.publicKey)
                || !pcrs.keySet().equals(that.pcrs.keySet())) {
            return false;
        }
        return pcrs.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.pcrs.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey) * 31 + pcrs.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "VerifiedAttestation[publicKey=" + (publicKey == null ? "none" : publicKey.length + " bytes")
                + ", pcrs=" + pcrs.keySet() + "]";
    }
}
