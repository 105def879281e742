package io.custody.api.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.protocol.SignPayload.AccessListEntry;
import io.custody.enclave.protocol.SignPayload.TransactionType;
import io.custody.enclave.protocol.SignPayload;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code transaction} object of the three transaction types. Checks, each with the threat it
 * blocks:
 * <ol>
 *   <li>only the fields of this type — a fee field the client set but the type does not carry
 *       (gasPrice on EIP-1559) would otherwise be silently ignored;
 *   <li>chainId present and from 1 to 2^64-1 — a transaction without EIP-155 replay protection is
 *       valid on every chain;
 *   <li>nonce and gasLimit uint64, value and fees uint256 — what the signer and RLP carry, checked
 *       here so the enclave never has to refuse it;
 *   <li>to is 20 bytes, EIP-55 checked when mixed case — a mistyped destination;
 *   <li>a contract creation (no to) has non-empty data — an empty deployment locks the value in an
 *       account without code;
 *   <li>maxPriorityFeePerGas at most maxFeePerGas — nodes refuse such a transaction after it was
 *       signed and audited;
 *   <li>data at most 128 KiB, at most 1024 access-list entries of at most 1024 keys, and the signed
 *       transaction within what the signer's response may carry — signing work whose result
 *       could not be returned.
 * </ol>
 */
final class TransactionParser {
    /** The fields that some transaction types have and others do not (FIELD_NOT_ALLOWED). */
    private static final Set<String> TYPE_SPECIFIC = Set.of("gasPrice", "maxFeePerGas", "maxPriorityFeePerGas",
            "accessList");
    private static final Set<String> COMMON = Set.of("chainId", "nonce", "to", "value", "gasLimit", "data");
    private static final Set<String> LEGACY = union(COMMON, Set.of("gasPrice"));
    private static final Set<String> EIP2930 = union(COMMON, Set.of("gasPrice", "accessList"));
    private static final Set<String> EIP1559 = union(COMMON, Set.of("maxFeePerGas", "maxPriorityFeePerGas",
            "accessList"));

    /** The bound {@code Messages.SignResponse.decode} puts on the signed transaction it reads back. */
    static final int MAX_SIGNED_TRANSACTION = SignPayload.MAX_DATA + 4096;
    /**
     * An upper bound of the signed transaction's RLP besides data and access list: type byte, list
     * header, chainId, nonce, two fees, gasLimit, to, value, data header, access list header, v or
     * yParity, r, s — 229 bytes at most, rounded up.
     */
    private static final int FIXED_OVERHEAD = 256;
    /** Per access-list entry: entry header (5), address (21), storage key list header (5). */
    private static final int ENTRY_OVERHEAD = 31;
    /** Per storage key: header (1) and 32 bytes. */
    private static final int KEY_SIZE = 33;

    private TransactionParser() {
    }

    static SigningRequest parse(SignatureType type, JsonNode node, String path) {
        TransactionType txType = type.transactionType();
        // Check 1
        JsonFields tx = JsonFields.object(node, path).allowOnly(allowed(txType), TYPE_SPECIFIC,
                type.jsonName() + " transactions");

        // Check 2
        JsonNode chainIdNode = tx.optional("chainId");
        if (chainIdNode == null) {
            throw chainIdRequired(tx.path("chainId"));
        }
        BigInteger chainId = EthFormats.quantity(chainIdNode, tx.path("chainId"), 64, true);
        if (chainId.signum() == 0) {
            throw chainIdRequired(tx.path("chainId"));
        }

        // Check 3
        BigInteger nonce = EthFormats.quantity(tx.required("nonce"), tx.path("nonce"), 64, true);
        // Check 4
        JsonNode toNode = tx.optional("to");
        byte[] to = toNode == null ? null : EthFormats.address(toNode, tx.path("to"));
        BigInteger value = EthFormats.quantity(tx.required("value"), tx.path("value"), 256, false);
        BigInteger gasLimit = EthFormats.quantity(tx.required("gasLimit"), tx.path("gasLimit"), 64, true);
        BigInteger gasPrice = null;
        BigInteger maxFee = null;
        BigInteger maxPriorityFee = null;
        if (txType == TransactionType.EIP1559) {
            maxFee = EthFormats.quantity(tx.required("maxFeePerGas"), tx.path("maxFeePerGas"), 256, false);
            maxPriorityFee = EthFormats.quantity(tx.required("maxPriorityFeePerGas"),
                    tx.path("maxPriorityFeePerGas"), 256, false);
        } else {
            gasPrice = EthFormats.quantity(tx.required("gasPrice"), tx.path("gasPrice"), 256, false);
        }

        // Check 7 (data)
        JsonNode dataNode = tx.optional("data");
        byte[] data = dataNode == null ? new byte[0] : EthFormats.bytes(dataNode, tx.path("data"), SignPayload.MAX_DATA);
        List<AccessListEntry> accessList = txType == TransactionType.LEGACY ? List.of()
                : accessList(tx.optional("accessList"), tx.path("accessList"));

        // Check 5
        if (to == null && data.length == 0) {
            throw ErrorCode.VALIDATION_FAILED.at(tx.path("data"),
                    "A contract creation (no " + tx.path("to") + ") needs non-empty " + tx.path("data") + ".");
        }
        // Check 6
        if (maxFee != null && maxPriorityFee.compareTo(maxFee) > 0) {
            throw ErrorCode.VALIDATION_FAILED.at(tx.path("maxPriorityFeePerGas"),
                    tx.path("maxPriorityFeePerGas") + " must not exceed " + tx.path("maxFeePerGas") + ".");
        }
        // Check 7 (the whole signed transaction)
        if (signedSizeBound(data, accessList) > MAX_SIGNED_TRANSACTION) {
            String field = accessList.isEmpty() ? tx.path("data") : tx.path("accessList");
            throw ErrorCode.PAYLOAD_TOO_LARGE.at(field, "The signed transaction would exceed "
                    + MAX_SIGNED_TRANSACTION + " bytes: shorten " + tx.path("data") + " or " + tx.path("accessList") + ".");
        }

        var payload = new SignPayload.Transaction(txType, chainId, nonce, to, value, gasLimit, gasPrice, maxFee,
                maxPriorityFee, data, accessList);
        return new SigningRequest(type, payload, chainId, to == null ? null : EthFormats.checksum(to), value);
    }

    private static List<AccessListEntry> accessList(JsonNode node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ErrorCode.INVALID_FIELD_TYPE.at(path, path + " must be a JSON array.");
        }
        if (node.size() > SignPayload.MAX_ACCESS_LIST) {
            throw ErrorCode.PAYLOAD_TOO_LARGE.at(path,
                    path + " has more than " + SignPayload.MAX_ACCESS_LIST + " entries.");
        }
        List<AccessListEntry> entries = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String entryPath = JsonFields.index(path, i);
            JsonFields entry = JsonFields.object(node.get(i), entryPath)
                    .allowOnly(Set.of("address", "storageKeys"), Set.of(), "an access list entry");
            byte[] address = EthFormats.address(entry.required("address"), entry.path("address"));
            JsonNode keys = entry.required("storageKeys");
            String keysPath = entry.path("storageKeys");
            if (!keys.isArray()) {
                throw ErrorCode.INVALID_FIELD_TYPE.at(keysPath, keysPath + " must be a JSON array.");
            }
            if (keys.size() > SignPayload.MAX_STORAGE_KEYS) {
                throw ErrorCode.PAYLOAD_TOO_LARGE.at(keysPath,
                        keysPath + " has more than " + SignPayload.MAX_STORAGE_KEYS + " keys.");
            }
            List<byte[]> storageKeys = new ArrayList<>(keys.size());
            for (int k = 0; k < keys.size(); k++) {
                storageKeys.add(EthFormats.fixedBytes(keys.get(k), JsonFields.index(keysPath, k), 32));
            }
            entries.add(new AccessListEntry(address, List.copyOf(storageKeys)));
        }
        return List.copyOf(entries);
    }

    /** An upper bound of the signed transaction's size in bytes. */
    static long signedSizeBound(byte[] data, List<AccessListEntry> accessList) {
        long size = FIXED_OVERHEAD + (long) data.length;
        for (AccessListEntry entry : accessList) {
            size += ENTRY_OVERHEAD + (long) KEY_SIZE * entry.storageKeys().size();
        }
        return size;
    }

    private static ApiException chainIdRequired(String field) {
        return ErrorCode.CHAIN_ID_REQUIRED.at(field, field
                + " is required and must be at least 1: transactions without EIP-155 replay protection are not signed.");
    }

    private static Set<String> allowed(TransactionType type) {
        return switch (type) {
            case LEGACY -> LEGACY;
            case EIP2930 -> EIP2930;
            case EIP1559 -> EIP1559;
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
