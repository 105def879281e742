package io.custody.enclave;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An Ethereum transaction to sign. All three kinds carry a chain id: unprotected (pre-EIP-155)
 * legacy transactions are not representable.
 */
public sealed interface TransactionPayload extends SigningPayload
        permits LegacyTransaction, Eip2930Transaction, Eip1559Transaction {

    /** Positive, at most 2^64-1. */
    BigInteger chainId();

    /** uint64. */
    BigInteger nonce();

    /** uint64. */
    BigInteger gasLimit();

    /** The destination, or empty for contract creation. */
    Optional<EthAddress> to();

    /** Wei, uint256. */
    BigInteger value();

    /** Call data (a copy). */
    byte[] data();
}
