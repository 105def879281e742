package io.custody.awslocal.http;

/** An AWS error as it goes on the wire: {@code __type}, HTTP status and a message without secrets. */
public record WireError(String type, int status, String message) {
}
