package io.custody.enclave.internal;

import io.custody.enclave.InvalidPayloadException;
import java.math.BigInteger;

/** Range checks for Ethereum quantities. Errors name the field and the rule, never the value. */
public final class Quantity {

    public static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Quantity() {}

    /** {@code value} is present, non-negative and fits in {@code bits} bits. */
    public static BigInteger requireUint(BigInteger value, int bits, String field) {
        if (value == null) {
            throw new InvalidPayloadException(field + " is required");
        }
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new InvalidPayloadException(field + " must be a uint" + bits);
        }
        return value;
    }

    /** A chain id: 1 .. 2^64-1. Zero is refused: it is no chain, and replays anywhere that accepts it. */
    public static BigInteger requireChainId(BigInteger chainId) {
        requireUint(chainId, 64, "chainId");
        if (chainId.signum() == 0) {
            throw new InvalidPayloadException("chainId must be positive (replay protection)");
        }
        return chainId;
    }
}
