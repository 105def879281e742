package io.custody.enclave.protocol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client asks to have signed, in structured form: the enclave encodes and hashes it
 * itself (ARCHITECTURE.md §1, invariant 4), so the host can never slip it a different hash.
 */
public sealed interface SignPayload {
    int MAX_DATA = 128 * 1024;
    int MAX_ACCESS_LIST = 1024;
    int MAX_STORAGE_KEYS = 1024;
    int MAX_TYPED_DATA = 64 * 1024;
    int MAX_MESSAGE = 64 * 1024;

    enum TransactionType { LEGACY, EIP2930, EIP1559 }

    record AccessListEntry(byte[] address, List<byte[]> storageKeys) {
    }

    /**
     * An Ethereum transaction. {@code to} is null for contract creation. Legacy and EIP-2930 use
     * {@code gasPrice}; EIP-1559 uses {@code maxFeePerGas} and {@code maxPriorityFeePerGas}.
     */
    record Transaction(TransactionType type, BigInteger chainId, BigInteger nonce, byte[] to, BigInteger value,
            BigInteger gasLimit, BigInteger gasPrice, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas,
            byte[] data, List<AccessListEntry> accessList) implements SignPayload {
    }

    /** An EIP-191 personal message (version 0x45), signed as personal_sign does. */
    record PersonalMessage(byte[] message) implements SignPayload {
    }

    /** EIP-712 typed data as the eth_signTypedData_v4 JSON object {types, primaryType, domain, message}. */
    record TypedData(String json) implements SignPayload {
    }

    static void encode(SignPayload payload, WireWriter out) {
        switch (payload) {
            case Transaction tx -> {
                out.u8(1).u8(tx.type().ordinal()).unsigned(tx.chainId()).unsigned(tx.nonce()).optionalBytes(tx.to())
                        .unsigned(tx.value()).unsigned(tx.gasLimit()).optionalUnsigned(tx.gasPrice())
                        .optionalUnsigned(tx.maxFeePerGas()).optionalUnsigned(tx.maxPriorityFeePerGas())
                        .bytes(tx.data());
                out.u32(tx.accessList().size());
                for (AccessListEntry entry : tx.accessList()) {
                    out.bytes(entry.address()).u32(entry.storageKeys().size());
                    entry.storageKeys().forEach(out::bytes);
                }
            }
            case PersonalMessage message -> out.u8(2).bytes(message.message());
            case TypedData typed -> out.u8(3).string(typed.json());
        }
    }

    static SignPayload decode(WireReader in) throws WireFormatException {
        int tag = in.u8();
        switch (tag) {
            case 1 -> {
                int typeIndex = in.u8();
                if (typeIndex >= TransactionType.values().length) {
                    throw new WireFormatException("unknown transaction type");
                }
                TransactionType type = TransactionType.values()[typeIndex];
                BigInteger chainId = in.unsigned(64, "chainId");
                BigInteger nonce = in.unsigned(64, "nonce");
                byte[] to = in.optionalBytes(20, "to");
                if (to != null && to.length != 20) {
                    throw new WireFormatException("to must be 20 bytes");
                }
                BigInteger value = in.unsigned(256, "value");
                BigInteger gasLimit = in.unsigned(64, "gasLimit");
                BigInteger gasPrice = in.optionalUnsigned(256, "gasPrice");
                BigInteger maxFee = in.optionalUnsigned(256, "maxFeePerGas");
                BigInteger maxPriority = in.optionalUnsigned(256, "maxPriorityFeePerGas");
                byte[] data = in.bytes(MAX_DATA, "data");
                int entries = in.count(MAX_ACCESS_LIST, "accessList");
                List<AccessListEntry> accessList = new ArrayList<>(entries);
                for (int i = 0; i < entries; i++) {
                    byte[] address = in.fixedBytes(20, "accessList address");
                    int keys = in.count(MAX_STORAGE_KEYS, "storageKeys");
                    List<byte[]> storageKeys = new ArrayList<>(keys);
                    for (int k = 0; k < keys; k++) {
                        storageKeys.add(in.fixedBytes(32, "storage key"));
                    }
                    accessList.add(new AccessListEntry(address, List.copyOf(storageKeys)));
                }
                return new Transaction(type, chainId, nonce, to, value, gasLimit, gasPrice, maxFee, maxPriority, data,
                        List.copyOf(accessList));
            }
            case 2 -> {
                return new PersonalMessage(in.bytes(MAX_MESSAGE, "message"));
            }
            case 3 -> {
                return new TypedData(in.string(MAX_TYPED_DATA, "typed data"));
            }
            default -> throw new WireFormatException("unknown payload kind " + tag);
        }
    }
}
