package io.custody.awslocal.http;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-operation request counters ({@code kms.Decrypt}, {@code secretsmanager.GetSecretValue}, ...). */
public final class Metrics {

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    /** Counts one request, whatever its outcome (success, error or injected fault). */
    public void increment(String operation) {
        counters.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    /** A sorted copy of the counters; operations never called are absent. */
    public SortedMap<String, Long> snapshot() {
        TreeMap<String, Long> copy = new TreeMap<>();
        for (Map.Entry<String, LongAdder> entry : counters.entrySet()) {
            long value = entry.getValue().sum();
            if (value > 0) {
                copy.put(entry.getKey(), value);
            }
        }
        return copy;
    }

    public long count(String operation) {
        LongAdder adder = counters.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    public void reset() {
        counters.clear();
    }
}
