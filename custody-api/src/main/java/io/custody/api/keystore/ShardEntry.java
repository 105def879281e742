package io.custody.api.keystore;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One account's wrapped key in a shard. The bytes are AES-GCM ciphertext made by the enclave
 * (61 bytes for a secp256k1 key today); they are copied in and out, so a caller cannot change
 * a shard, or a cached one, after the fact.
 */
public record ShardEntry(UUID accountId, byte[] wrappedKey) {

    /** Bounds of one wrapped key, as in {@code accounts.wrapped_key} and the enclave protocol. */
    public static final int MIN_WRAPPED_KEY = 1;
    public static final int MAX_WRAPPED_KEY = 1024;
    /** The enclave's wrapped secp256k1 key: version, nonce, AES-256-GCM ciphertext and tag. */
    public static final int SECP256K1_WRAPPED_KEY = 1 + 12 + 32 + 16;

    public ShardEntry {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        if (wrappedKey.length < MIN_WRAPPED_KEY || wrappedKey.length > MAX_WRAPPED_KEY) {
            throw new IllegalArgumentException("a wrapped key must be " + MIN_WRAPPED_KEY + ".." + MAX_WRAPPED_KEY
                    + " bytes, got " + wrappedKey.length);
        }
        wrappedKey = wrappedKey.clone();
    }

    /** A copy of the wrapped key. */
    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    int wrappedKeyLength() {
        return wrappedKey.length;
    }

    /** Writes the wrapped key without copying it (the format encoder only). */
    void writeWrappedKeyTo(ByteBuffer out) {
        out.put(wrappedKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardEntry that && accountId.equals(that.accountId)
                && Arrays.equals(wrappedKey, that.wrappedKey);
    }

    @Override
    public int hashCode() {
        return 31 * accountId.hashCode() + Arrays.hashCode(wrappedKey);
    }

    /** Metadata only: ciphertext is not secret, but logs have no use for it. */
    @Override
    public String toString() {
        return "ShardEntry[accountId=" + accountId + ", wrappedKey=" + wrappedKey.length + " bytes]";
    }
}
