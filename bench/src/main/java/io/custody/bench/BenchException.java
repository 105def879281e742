package io.custody.bench;

/** The run cannot go on (the service refused a setup call, a batch failed): exit status 1. */
final class BenchException extends RuntimeException {

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
