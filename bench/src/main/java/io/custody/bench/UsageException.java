package io.custody.bench;

/** A command line the tool cannot run: the usage is printed with it, exit status 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
