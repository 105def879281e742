package io.custody.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One client thread's latencies in nanoseconds, in a growing long[]: only that thread writes it,
 * so recording takes no lock and no allocation beyond the occasional doubling.
 */
final class LatencyRecorder {

    private long[] values = new long[4096];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /** Every recorder's values in one sorted array; call once the recording threads have ended. */
    static long[] mergeSorted(List<LatencyRecorder> recorders) {
        long[] all = new long[recorders.stream().mapToInt(r -> r.size).sum()];
        int at = 0;
        for (LatencyRecorder recorder : recorders) {
            System.arraycopy(recorder.values, 0, all, at, recorder.size);
            at += recorder.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** The nearest-rank percentile (p in 0..100] of sorted, non-empty values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
