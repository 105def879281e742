package io.custody.enclave.protocol;

/** A frame or message that does not follow the protocol. The message names what was wrong, never a secret. */
public class WireFormatException extends Exception {
    public WireFormatException(String message) {
        super(message, null, false, false);
    }
}
