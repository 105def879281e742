package io.custody.api.keystore;

/** Bytes that are not a valid shard. The message names the first check that failed, never the bytes. */
public final class ShardFormatException extends Exception {

    ShardFormatException(String message) {
        super(message);
    }
}
