package io.custody.awslocal.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * An append-only log of state changes. A service appends one record per acknowledged write and
 * rebuilds its state by replaying the records on start.
 *
 * <p>Contract: when {@link #append} returns, the record is durable (a crash afterwards does not
 * lose it). Callers append <em>before</em> they apply the change and answer the request, so a
 * response the client has seen is never lost.
 */
public interface Journal extends Closeable {

    /** Hands every stored record, oldest first, to {@code consumer}. Call once, before appending. */
    void replay(Consumer<byte[]> consumer) throws IOException;

    /** Appends one record and makes it durable before returning. */
    void append(byte[] record) throws IOException;

    @Override
    void close() throws IOException;
}
