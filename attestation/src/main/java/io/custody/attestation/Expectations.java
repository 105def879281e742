package io.custody.attestation;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a verifier requires of a document beyond a valid signature and chain: PCR values,
 * a nonce, a maximum age. Immutable; each {@code with...} returns a new instance.
 *
 * <pre>{@code
 * Expectations.none().withPcr(0, pcr0).withNonce(nonce).withMaxAge(Duration.ofMinutes(5))
 * }</pre>
 */
public final class Expectations {

    private static final Expectations NONE = new Expectations(new TreeMap<>(), null, null);

    private final TreeMap<Integer, byte[]> pcrs;
    private final byte[] nonce;
    private final Duration maxAge;

    private Expectations(TreeMap<Integer, byte[]> pcrs, byte[] nonce, Duration maxAge) {
        this.pcrs = pcrs;
        this.nonce = nonce;
        this.maxAge = maxAge;
    }

    /** No PCR, nonce or age requirement: only the signature and certificate chain are checked. */
    public static Expectations none() {
        return NONE;
    }

    /** Requires PCR {@code index} (0..31) to be present with exactly {@code value}. */
    public Expectations withPcr(int index, byte[] value) {
        if (index < 0 || index > 31) {
            throw new IllegalArgumentException("PCR index must be 0..31, got " + index);
        }
        TreeMap<Integer, byte[]> copy = copyPcrs(pcrs);
        copy.put(index, Objects.requireNonNull(value, "value").clone());
        return new Expectations(copy, nonce, maxAge);
    }

    /** Requires each of the given PCRs, in addition to any already required. */
    public Expectations withPcrs(Map<Integer, byte[]> values) {
        Expectations out = this;
        for (Map.Entry<Integer, byte[]> e : new TreeMap<>(values).entrySet()) {
            out = out.withPcr(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Requires the document's nonce to equal {@code nonce}. */
    public Expectations withNonce(byte[] nonce) {
        return new Expectations(pcrs, Objects.requireNonNull(nonce, "nonce").clone(), maxAge);
    }

    /** Requires the document to be at most {@code maxAge} old at the verification instant. */
    public Expectations withMaxAge(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        return new Expectations(pcrs, nonce, maxAge);
    }

    public SortedMap<Integer, byte[]> pcrs() {
        return Collections.unmodifiableSortedMap(copyPcrs(pcrs));
    }

    public Optional<byte[]> nonce() {
        return Optional.ofNullable(nonce).map(byte[]::clone);
    }

    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    @Override public String toString() {
        return "Expectations[pcrs=" + pcrs.keySet() + ", nonce=" + (nonce != null) + ", maxAge=" + maxAge + "]";
    }

    private static TreeMap<Integer, byte[]> copyPcrs(Map<Integer, byte[]> in) {
        TreeMap<Integer, byte[]> out = new TreeMap<>();
        in.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }
}
