package io.custody.enclave;

/**
 * The curve of an account key. It is part of the key's identity and of the associated data of its
 * wrapped form, so a secp256k1 ciphertext can never be opened as another curve's key.
 */
public enum Curve {
    /** Ethereum / Bitcoin ECDSA. The only curve with key operations today. */
    SECP256K1("secp256k1"),
    /** Reserved (ARCHITECTURE.md §2: "ed25519 later"); no key operations yet. */
    ED25519("ed25519"),
    /** Reserved (ARCHITECTURE.md §2: "BLS12-381 later"); no key operations yet. */
    BLS12_381("bls12-381");

    private final String wireName;

    Curve(String wireName) {
        this.wireName = wireName;
    }

    /** The stable name used in associated data and on the wire. Never change a published value. */
    public String wireName() {
        return wireName;
    }
}
