package io.custody.enclave;

import io.custody.enclave.internal.Quantity;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An EIP-1559 (type 2) transaction: priority fee and fee cap instead of a gas price. */
public record Eip1559Transaction(
        BigInteger chainId,
        BigInteger nonce,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerGas,
        BigInteger gasLimit,
        Optional<EthAddress> to,
        BigInteger value,
        byte[] data,
        List<AccessListEntry> accessList) implements TransactionPayload {

    public Eip1559Transaction {
        Quantity.requireChainId(chainId);
        Quantity.requireUint(nonce, 64, "nonce");
        Quantity.requireUint(maxPriorityFeePerGas, 256, "maxPriorityFeePerGas");
        Quantity.requireUint(maxFeePerGas, 256, "maxFeePerGas");
        Quantity.requireUint(gasLimit, 64, "gasLimit");
        Objects.requireNonNull(to, "to (use Optional.empty() for contract creation)");
        Quantity.requireUint(value, 256, "value");
        data = Objects.requireNonNull(data, "data").clone();
        accessList = List.copyOf(Objects.requireNonNull(accessList, "accessList"));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
