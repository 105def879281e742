package io.custody.bench;

import java.util.concurrent.locks.LockSupport;

/** Waiting until a point in System.nanoTime(); an interrupt ends the run. */
final class Pause {

    private Pause() {
    }

    static void until(long deadlineNanos) {
        // parkNanos may return early (spurious wake-ups), so re-check the clock.
        for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new BenchException("interrupted");
            }
        }
    }

    static void forMillis(long millis) {
        until(System.nanoTime() + millis * 1_000_000);
    }
}
