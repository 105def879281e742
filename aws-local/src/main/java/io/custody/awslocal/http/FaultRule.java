package io.custody.awslocal.http;

import java.util.Objects;

/**
 * A fault to inject into matching requests, for reliability tests.
 *
 * @param operation  {@code kms.Decrypt}, {@code kms.*}, {@code secretsmanager.*} or {@code *}
 * @param latencyMs  delay added before the request runs (0 = none)
 * @param errorRate  probability in [0, 1] that the request fails with {@code errorType} instead of running
 * @param errorType  the AWS error type to answer with, e.g. {@code ThrottlingException}; null when errorRate is 0
 * @param httpStatus the status for the injected error; 0 picks the AWS one (500 for *Internal*, 503 for
 *                   ServiceUnavailable, else 400)
 * @param maxFaults  stop injecting errors after this many (0 = unlimited); latency keeps applying
 */
public record FaultRule(String operation, long latencyMs, double errorRate, String errorType, int httpStatus,
                        int maxFaults) {

    public FaultRule {
        Objects.requireNonNull(operation, "operation");
        if (latencyMs < 0 || latencyMs > 600_000) {
            throw new IllegalArgumentException("latencyMs must be in 0..600000");
        }
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be in [0, 1]");
        }
        if (errorRate > 0 && (errorType == null || errorType.isBlank())) {
            throw new IllegalArgumentException("errorType is required when errorRate > 0");
        }
        if (httpStatus != 0 && (httpStatus < 400 || httpStatus > 599)) {
            throw new IllegalArgumentException("httpStatus must be 4xx or 5xx");
        }
        if (maxFaults < 0) {
            throw new IllegalArgumentException("maxFaults must be >= 0");
        }
    }

    /** Every matching request fails with {@code errorType}. */
    public static FaultRule error(String operation, String errorType) {
        return new FaultRule(operation, 0, 1.0, errorType, 0, 0);
    }

    /** Matching requests fail with {@code errorType} with probability {@code errorRate}. */
    public static FaultRule error(String operation, String errorType, double errorRate) {
        return new FaultRule(operation, 0, errorRate, errorType, 0, 0);
    }

    /** Every matching request is delayed by {@code latencyMs}. */
    public static FaultRule latency(String operation, long latencyMs) {
        return new FaultRule(operation, latencyMs, 0.0, null, 0, 0);
    }

    /** The same rule, injecting at most {@code count} errors. */
    public FaultRule times(int count) {
        return new FaultRule(operation, latencyMs, errorRate, errorType, httpStatus, count);
    }

    boolean matches(String metricName) {
        if (operation.equals("*") || operation.equals(metricName)) {
            return true;
        }
        return operation.endsWith(".*") && metricName.startsWith(operation.substring(0, operation.length() - 1));
    }

    int effectiveStatus() {
        if (httpStatus != 0) {
            return httpStatus;
        }
        if (errorType.startsWith("ServiceUnavailable")) {
            return 503;
        }
        return errorType.contains("Internal") ? 500 : 400;
    }
}
