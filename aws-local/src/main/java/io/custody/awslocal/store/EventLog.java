package io.custody.awslocal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The write discipline of the emulators' stores: an operation runs its check-then-write logic
 * under one lock ({@link #write}), builds an event, and {@link #commit} appends it to the journal
 * (durable on return) before applying it. On start the journal is replayed through the same
 * {@link #apply}. Reads go to the subclass's concurrent maps without the lock.
 */
public abstract class EventLog {
    private final Journal journal;
    private final String name;
    private final ReentrantLock writeLock = new ReentrantLock();

    protected EventLog(Journal journal, String name) {
        this.journal = journal;
        this.name = name;
    }

    /** Rebuilds the state from the journal; subclasses call it at the end of their constructor. */
    protected final void replay() throws IOException {
        journal.replay(bytes -> {
            try {
                apply(Json.read(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable " + name + " journal record", e);
            }
        });
    }

    /** Applies one event to the in-memory state. */
    protected abstract void apply(JsonNode event);

    /** Runs check-then-write logic under the write lock. */
    public final <T> T write(Supplier<T> operation) {
        writeLock.lock();
        try {
            return operation.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Makes the event durable, then applies it. Call inside {@link #write}. */
    public final void commit(ObjectNode event) {
        if (!writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("commit outside the write lock");
        }
        try {
            journal.append(Json.write(event));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + name + " journal", e);
        }
        apply(event);
    }
}
