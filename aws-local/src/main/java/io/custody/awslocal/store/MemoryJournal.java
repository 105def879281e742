package io.custody.awslocal.store;

import java.util.function.Consumer;

/** The in-memory mode: nothing is stored, nothing survives a restart. For tests. */
public final class MemoryJournal implements Journal {

    @Override
    public void replay(Consumer<byte[]> consumer) {
        // Nothing was ever stored.
    }

    @Override
    public void append(byte[] record) {
        // Deliberately discarded: state lives only in the service's memory.
    }

    @Override
    public void close() {
    }
}
