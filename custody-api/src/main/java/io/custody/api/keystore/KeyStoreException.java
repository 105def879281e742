package io.custody.api.keystore;

import java.util.Objects;

/**
 * A key store could not return or write a wrapped key. The message names the shard and the slot,
 * never key bytes; {@link #reason()} is what a caller branches on.
 */
public final class KeyStoreException extends RuntimeException {

    public enum Reason {
        /** The shard's secret does not exist (deleted, or never written). */
        MISSING,
        /** The secret exists but is not a valid shard (damaged, or overwritten with something else). */
        CORRUPT,
        /** A valid shard, but not the one expected: another tenant or shard, or another account in the slot. */
        MISMATCH,
        /** The store did not answer successfully, after the client's retries. Worth retrying later. */
        UNAVAILABLE
    }

    private final Reason reason;

    public KeyStoreException(Reason reason, String message) {
        this(reason, message, null);
    }

    public KeyStoreException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
