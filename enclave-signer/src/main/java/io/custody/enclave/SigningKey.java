package io.custody.enclave;

import java.util.Objects;

/**
 * An unwrapped account private key, ready to sign, with the identity it was unwrapped for and the
 * address every signature must recover to. Wipes the private key on {@link #close()}.
 *
 * <p>There is no public way to build one from raw key bytes: keys enter only by unwrapping a
 * ciphertext bound to their identity. (Tests use the package-private {@link #forTestOnly}.)
 */
public final class SigningKey implements AutoCloseable {

    private final KeyIdentity identity;
    private final SecretBytes privateKey;
    private final EthAddress address;

    private SigningKey(KeyIdentity identity, SecretBytes privateKey, EthAddress address) {
        this.identity = identity;
        this.privateKey = privateKey;
        this.address = address;
    }

    /**
     * Unwraps the account key and takes {@code expectedAddress} (the account's address on record) as
     * the address signatures must recover to. No curve arithmetic happens here: if the address does
     * not belong to the key, every signature is refused by the recovery check
     * ({@link SignatureCheckException}), so a wrong address can never yield a released signature.
     *
     * @throws KeyUnwrapException if the wrapped key does not open for {@code id}
     */
    public static SigningKey unwrap(SecretBytes dek, KeyIdentity id, byte[] wrapped, EthAddress expectedAddress) {
        Objects.requireNonNull(expectedAddress, "expectedAddress");
        return new SigningKey(id, AccountKeyWrapper.unwrap(dek, id, wrapped), expectedAddress);
    }

    /** Unwraps the account key and derives its address (one extra public-key computation). */
    public static SigningKey unwrap(SecretBytes dek, KeyIdentity id, byte[] wrapped) {
        SecretBytes key = AccountKeyWrapper.unwrap(dek, id, wrapped);
        return new SigningKey(id, key, Secp256k1Keys.publicKey(key).address());
    }

    /**
     * Test-only import of raw key bytes (vectors with published private keys). Package-private on
     * purpose: production code has no raw-key import path. Takes ownership of {@code privateKey}.
     */
    static SigningKey forTestOnly(KeyIdentity id, SecretBytes privateKey) {
        return new SigningKey(id, privateKey, Secp256k1Keys.publicKey(privateKey).address());
    }

    public KeyIdentity identity() {
        return identity;
    }

    /** The address every signature made with this key must recover to. */
    public EthAddress address() {
        return address;
    }

    /** The secret, for {@link EnclaveSigner} only. */
    SecretBytes privateKey() {
        return privateKey;
    }

    @Override
    public void close() {
        privateKey.close();
    }

    @Override
    public String toString() {
        return "SigningKey[" + identity + ", address=" + address + ", privateKey=<redacted>]";
    }
}
