package io.custody.enclave;

import io.custody.enclave.internal.Quantity;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An EIP-2930 (type 1) transaction: legacy gas price plus an access list. */
public record Eip2930Transaction(
        BigInteger chainId,
        BigInteger nonce,
        BigInteger gasPrice,
        BigInteger gasLimit,
        Optional<EthAddress> to,
        BigInteger value,
        byte[] data,
        List<AccessListEntry> accessList) implements TransactionPayload {

    public Eip2930Transaction {
        Quantity.requireChainId(chainId);
        Quantity.requireUint(nonce, 64, "nonce");
        Quantity.requireUint(gasPrice, 256, "gasPrice");
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
