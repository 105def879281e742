package io.custody.awslocal.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The active fault rules; configurable at runtime over HTTP ({@code /_emulator/faults}) and from Java. */
public final class FaultInjector {

    private record Active(FaultRule rule, AtomicInteger injected) {
    }

    private final CopyOnWriteArrayList<Active> rules = new CopyOnWriteArrayList<>();

    public void add(FaultRule rule) {
        rules.add(new Active(rule, new AtomicInteger()));
    }

    public void clear() {
        rules.clear();
    }

    public List<FaultRule> rules() {
        return rules.stream().map(Active::rule).toList();
    }

    /**
     * Applies the rules matching {@code operation}: sleeps for their latency, then may throw an
     * {@link InjectedFaultException} so the operation does not run.
     */
    public void apply(String operation) {
        for (Active active : rules) {
            FaultRule rule = active.rule();
            if (!rule.matches(operation)) {
                continue;
            }
            if (rule.latencyMs() > 0) {
                sleep(rule.latencyMs());
            }
            if (rule.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < rule.errorRate()
                    && claim(active)) {
                throw new InjectedFaultException(rule.errorType(), rule.effectiveStatus());
            }
        }
    }

    private static boolean claim(Active active) {
        int max = active.rule().maxFaults();
        if (max == 0) {
            return true;
        }
        return active.injected().getAndUpdate(n -> n < max ? n + 1 : n) < max;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
