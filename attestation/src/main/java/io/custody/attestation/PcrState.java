package io.custody.attestation;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One PCR as {@code DescribePCR} reports it.
 *
 * @param locked true if the PCR is read-only
 * @param value  the current value (48 bytes for SHA-384)
 */
public record PcrState(boolean locked, byte[] value) {

    public PcrState {
        value = Objects.requireNonNull(value, "value").clone();
    }

    @Override public byte[] value() {
        return value.clone();
    }

    @Override public boolean equals(Object o) {
        return o instanceof PcrState p && p.locked == locked && Arrays.equals(p.value, value);
    }

    @Override public int hashCode() {
        return Arrays.hashCode(value) * 31 + Boolean.hashCode(locked);
    }

    @Override public String toString() {
        return "PcrState[locked=" + locked + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}
