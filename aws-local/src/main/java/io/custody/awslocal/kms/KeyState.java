package io.custody.awslocal.kms;

/** The key states this emulator uses, spelled as the {@code KeyState} enum of the KMS model. */
enum KeyState {
    Enabled,
    Disabled,
    PendingDeletion
}
