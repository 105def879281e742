package io.custody.enclave.internal;

import java.nio.charset.StandardCharsets;

/** EIP-191 version 0x45 ({@code personal_sign}). */
public final class Eip191 {

    private Eip191() {}

    /** {@code keccak256("\x19Ethereum Signed Message:\n" + len(message) + message)}, length in decimal. */
    public static byte[] hash(byte[] message) {
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.US_ASCII);
        return Keccak.keccak256(prefix, message);
    }
}
