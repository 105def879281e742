package io.custody.enclave;

import io.custody.enclave.internal.Quantity;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A legacy (type 0) transaction, always replay-protected with EIP-155: the chain id is required
 * and positive, the signing hash covers {@code (chainId, 0, 0)} and {@code v = chainId * 2 + 35 +
 * yParity}. Pre-EIP-155 signing is refused: such a transaction replays on every chain.
 */
public record LegacyTransaction(
        BigInteger chainId,
        BigInteger nonce,
        BigInteger gasPrice,
        BigInteger gasLimit,
        Optional<EthAddress> to,
        BigInteger value,
        byte[] data) implements TransactionPayload {

    public LegacyTransaction {
        Quantity.requireChainId(chainId);
        Quantity.requireUint(nonce, 64, "nonce");
        Quantity.requireUint(gasPrice, 256, "gasPrice");
        Quantity.requireUint(gasLimit, 64, "gasLimit");
        Objects.requireNonNull(to, "to (use Optional.empty() for contract creation)");
        Quantity.requireUint(value, 256, "value");
        data = Objects.requireNonNull(data, "data").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
