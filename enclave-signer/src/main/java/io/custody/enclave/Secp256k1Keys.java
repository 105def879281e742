package io.custody.enclave;

import io.custody.enclave.internal.Secp256k1Engine;
import java.security.SecureRandom;
import java.util.Objects;

/** secp256k1 key generation and public-key derivation, inside the enclave process. */
public final class Secp256k1Keys {

    private Secp256k1Keys() {}

    /**
     * A fresh private key from {@code random}. Out-of-range draws (0 or &ge; n) are rejected and
     * redrawn, never reduced, so every valid scalar is equally likely.
     */
    public static SecretBytes generate(SecureRandom random) {
        return Secp256k1Engine.generatePrivateKey(Objects.requireNonNull(random, "random"));
    }

    /** The public key (and address) of {@code privateKey}. */
    public static Secp256k1PublicKey publicKey(SecretBytes privateKey) {
        byte[] d = privateKey.unsafeBytes();
        if (!Secp256k1Engine.isValidPrivateKey(d)) {
            throw new IllegalArgumentException("not a valid secp256k1 private key");
        }
        return new Secp256k1PublicKey(Secp256k1Engine.publicKey(d));
    }
}
