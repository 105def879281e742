package io.custody.enclave;

import io.custody.enclave.internal.Hex;
import java.math.BigInteger;
import java.util.Objects;

/** What the enclave returns for a signature: a signed transaction or a signed message. */
public sealed interface SignatureResult {

    /** The checked signature (low-S, recovery id verified). */
    EcdsaSignature signature();

    /**
     * A signed transaction.
     *
     * @param rawTransaction  the broadcastable bytes: {@code 0x02 || rlp(...)}, {@code 0x01 || rlp(...)}
     *                        or, for legacy, {@code rlp(...)} with EIP-155 {@code v}
     * @param transactionHash Keccak-256 of {@code rawTransaction}
     * @param signingHash     the hash that was signed (Keccak-256 of the unsigned serialization)
     * @param v               the {@code v} in {@code rawTransaction}: {@code yParity} for typed
     *                        transactions, {@code chainId * 2 + 35 + yParity} for legacy
     */
    record SignedTransaction(byte[] rawTransaction, byte[] transactionHash, byte[] signingHash,
            EcdsaSignature signature, BigInteger v) implements SignatureResult {

        public SignedTransaction {
            rawTransaction = rawTransaction.clone();
            transactionHash = transactionHash.clone();
            signingHash = signingHash.clone();
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(v, "v");
        }

        @Override
        public byte[] rawTransaction() {
            return rawTransaction.clone();
        }

        @Override
        public byte[] transactionHash() {
            return transactionHash.clone();
        }

        @Override
        public byte[] signingHash() {
            return signingHash.clone();
        }

        @Override
        public String toString() {
            return "SignedTransaction[hash=" + Hex.encode0x(transactionHash) + ", " + signature + "]";
        }
    }

    /**
     * A signed EIP-191 or EIP-712 message.
     *
     * @param messageHash the 32-byte hash that was signed
     */
    record SignedMessage(byte[] messageHash, EcdsaSignature signature) implements SignatureResult {

        public SignedMessage {
            messageHash = messageHash.clone();
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public byte[] messageHash() {
            return messageHash.clone();
        }

        /** {@code 27 + yParity}, as wallets return it. */
        public int v() {
            return 27 + signature.yParity();
        }

        /** {@code r || s || v}, 65 bytes. */
        public byte[] toRsv() {
            return signature.toRsv();
        }

        @Override
        public String toString() {
            return "SignedMessage[hash=" + Hex.encode0x(messageHash) + ", " + signature + "]";
        }
    }
}
