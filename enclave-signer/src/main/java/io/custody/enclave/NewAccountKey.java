package io.custody.enclave;

import java.util.Objects;
import java.util.UUID;

/**
 * An account key created inside the enclave, as it may leave the enclave: public key, address and
 * the wrapped (encrypted) private key. Nothing here is secret.
 *
 * @param accountId  the account the key was generated and wrapped for
 * @param publicKey  its public key
 * @param wrappedKey the private key wrapped under the tenant DEK ({@link AccountKeyWrapper})
 */
public record NewAccountKey(UUID accountId, Secp256k1PublicKey publicKey, byte[] wrappedKey) {

    public NewAccountKey {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(publicKey, "publicKey");
        wrappedKey = wrappedKey.clone();
    }

    /** The account's Ethereum address. */
    public EthAddress address() {
        return publicKey.address();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewAccountKey other
                && accountId.equals(other.accountId)
                && publicKey.equals(other.publicKey)
                && java.util.Arrays.equals(wrappedKey, other.wrappedKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, publicKey, java.util.Arrays.hashCode(wrappedKey));
    }

    @Override
    public String toString() {
        return "NewAccountKey[accountId=" + accountId + ", address=" + address() + "]";
    }
}
