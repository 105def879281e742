package io.custody.enclave.server;

import io.custody.enclave.AccessListEntry;
import io.custody.enclave.Eip1559Transaction;
import io.custody.enclave.Eip191Message;
import io.custody.enclave.Eip2930Transaction;
import io.custody.enclave.Eip712Field;
import io.custody.enclave.Eip712TypedData;
import io.custody.enclave.EthAddress;
import io.custody.enclave.InvalidPayloadException;
import io.custody.enclave.LegacyTransaction;
import io.custody.enclave.SigningPayload;
import io.custody.enclave.internal.StrictJson;
import io.custody.enclave.protocol.SignPayload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the protocol's sign payloads onto the signing core's types. The core encodes and hashes
 * them itself (invariant 4); this class only moves fields, and refuses a payload whose fields do
 * not fit its type ({@link InvalidPayloadException}: nothing is signed). Checks:
 * <ol>
 *   <li>a transaction carries exactly the fee fields of its type (legacy and EIP-2930:
 *       {@code gasPrice}; EIP-1559: {@code maxFeePerGas} and {@code maxPriorityFeePerGas}) and
 *       legacy carries no access list — blocks a field the client set being silently ignored;
 *   <li>typed data is strict JSON ({@link StrictJson}) with exactly the members
 *       {@code types, primaryType, domain, message}, and each type member is exactly
 *       {@code {name, type}} — blocks content that a wallet shows but the signature does not cover;
 *   <li>{@code null} anywhere in domain or message is refused (by {@link Eip712TypedData}).
 * </ol>
 */
final class PayloadMapper {

    private static final Set<String> TYPED_DATA_MEMBERS = Set.of("types", "primaryType", "domain", "message");
    private static final Set<String> FIELD_MEMBERS = Set.of("name", "type");

    private PayloadMapper() {
    }

    static SigningPayload toCore(SignPayload payload) {
        return switch (payload) {
            case SignPayload.Transaction tx -> transaction(tx);
            case SignPayload.PersonalMessage m -> new Eip191Message(m.message());
            case SignPayload.TypedData t -> typedData(t.json());
        };
    }

    private static SigningPayload transaction(SignPayload.Transaction tx) {
        Optional<EthAddress> to = tx.to() == null ? Optional.empty() : Optional.of(EthAddress.of(tx.to()));
        // Check 1
        return switch (tx.type()) {
            case LEGACY -> {
                requireGasPrice(tx, "legacy");
                if (!tx.accessList().isEmpty()) {
                    throw new InvalidPayloadException("legacy transactions have no access list");
                }
                yield new LegacyTransaction(tx.chainId(), tx.nonce(), tx.gasPrice(), tx.gasLimit(), to, tx.value(),
                        tx.data());
            }
            case EIP2930 -> {
                requireGasPrice(tx, "EIP-2930");
                yield new Eip2930Transaction(tx.chainId(), tx.nonce(), tx.gasPrice(), tx.gasLimit(), to, tx.value(),
                        tx.data(), accessList(tx));
            }
            case EIP1559 -> {
                if (tx.gasPrice() != null || tx.maxFeePerGas() == null || tx.maxPriorityFeePerGas() == null) {
                    throw new InvalidPayloadException(
                            "EIP-1559 transactions take maxFeePerGas and maxPriorityFeePerGas, not gasPrice");
                }
                yield new Eip1559Transaction(tx.chainId(), tx.nonce(), tx.maxPriorityFeePerGas(), tx.maxFeePerGas(),
                        tx.gasLimit(), to, tx.value(), tx.data(), accessList(tx));
            }
        };
    }

    private static void requireGasPrice(SignPayload.Transaction tx, String kind) {
        if (tx.gasPrice() == null || tx.maxFeePerGas() != null || tx.maxPriorityFeePerGas() != null) {
            throw new InvalidPayloadException(kind + " transactions take gasPrice, not maxFeePerGas/maxPriorityFeePerGas");
        }
    }

    private static List<AccessListEntry> accessList(SignPayload.Transaction tx) {
        List<AccessListEntry> out = new ArrayList<>(tx.accessList().size());
        for (SignPayload.AccessListEntry entry : tx.accessList()) {
            out.add(new AccessListEntry(EthAddress.of(entry.address()), entry.storageKeys()));
        }
        return out;
    }

    /** Parses {@code eth_signTypedData_v4} JSON into the core's typed data (check 2). */
    static Eip712TypedData typedData(String json) {
        Map<String, Object> root = object(StrictJson.parse(json, SignPayload.MAX_TYPED_DATA), "typed data");
        if (!root.keySet().equals(TYPED_DATA_MEMBERS)) {
            throw new InvalidPayloadException("typed data must have exactly the members types, primaryType, domain, message");
        }
        Map<String, List<Eip712Field>> types = new LinkedHashMap<>();
        for (Map.Entry<String, Object> type : object(root.get("types"), "types").entrySet()) {
            List<Eip712Field> fields = new ArrayList<>();
            String path = "types." + type.getKey();
            for (Object member : list(type.getValue(), path)) {
                Map<String, Object> field = object(member, path + "[]");
                if (!field.keySet().equals(FIELD_MEMBERS)) {
                    throw new InvalidPayloadException(path + " members must have exactly the keys name and type");
                }
                fields.add(new Eip712Field(string(field.get("name"), path + "[].name"),
                        string(field.get("type"), path + "[].type")));
            }
            types.put(type.getKey(), fields);
        }
        return new Eip712TypedData(types, string(root.get("primaryType"), "primaryType"),
                values(object(root.get("domain"), "domain")), values(object(root.get("message"), "message")));
    }

    /** JSON {@code null} becomes Java {@code null}, which the core refuses with the path (check 3). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(Map<String, Object> struct) {
        return (Map<String, Object>) unwrapNulls(struct);
    }

    private static Object unwrapNulls(Object value) {
        if (value == StrictJson.NULL) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, unwrapNulls(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(unwrapNulls(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String path) {
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidPayloadException(path + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value, String path) {
        if (!(value instanceof List<?> list)) {
            throw new InvalidPayloadException(path + " must be a JSON array");
        }
        return list;
    }

    private static String string(Object value, String path) {
        if (!(value instanceof String s)) {
            throw new InvalidPayloadException(path + " must be a string");
        }
        return s;
    }
}
