package io.custody.awslocal.kms;

/** {@code alias/<name>} pointing at a key id. */
record Alias(String name, String arn, String targetKeyId, long createdMillis) {
}
