package io.custody.enclave;

import java.util.Objects;

/**
 * A {@code personal_sign} message (EIP-191 version 0x45): the signed hash is
 * {@code keccak256("\x19Ethereum Signed Message:\n" + decimal length + message)}.
 *
 * @param message the raw message bytes (copied)
 */
public record Eip191Message(byte[] message) implements SigningPayload {

    public Eip191Message {
        message = Objects.requireNonNull(message, "message").clone();
    }

    @Override
    public byte[] message() {
        return message.clone();
    }
}
