package io.custody.api.keystore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Random shard contents. The "wrapped keys" are random bytes: this package never opens them. */
final class TestShards {

    static final int WRAPPED_KEY_LENGTH = 61;

    private TestShards() {
    }

    static List<ShardEntry> entries(int count) {
        return entries(count, WRAPPED_KEY_LENGTH);
    }

    static List<ShardEntry> entries(int count, int keyLength) {
        List<ShardEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[keyLength];
            ThreadLocalRandom.current().nextBytes(key);
            entries.add(new ShardEntry(UUID.randomUUID(), key));
        }
        return entries;
    }

    static Shard shard(int count) {
        return new Shard(UUID.randomUUID(), UUID.randomUUID(), 1, KeyCurve.SECP256K1, entries(count));
    }

    /** {@code body} followed by its SHA-256: bytes with a valid checksum, to reach the later checks. */
    static byte[] withChecksum(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            byte[] out = Arrays.copyOf(body, body.length + digest.length);
            System.arraycopy(digest, 0, out, body.length, digest.length);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The encoding without its checksum. */
    static byte[] body(byte[] encoded) {
        return Arrays.copyOf(encoded, encoded.length - 32);
    }
}
