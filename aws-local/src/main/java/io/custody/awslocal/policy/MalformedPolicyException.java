package io.custody.awslocal.policy;

/** The policy text is not a key policy this emulator can evaluate; the message says which rule it breaks. */
public final class MalformedPolicyException extends Exception {

    public MalformedPolicyException(String message) {
        super(message, null, false, false);
    }
}
