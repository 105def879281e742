package io.custody.enclave.internal;

import io.custody.enclave.EthAddress;
import io.custody.enclave.InvalidPayloadException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, immutable copies of EIP-712 value trees, with a depth limit and a closed set of leaf types. */
public final class Eip712Values {

    /** Deeper nesting is refused (it would only serve to exhaust the stack). */
    public static final int MAX_DEPTH = 32;

    private Eip712Values() {}

    public static Map<String, Object> freezeStruct(Map<String, ?> value, String path) {
        if (value == null) {
            throw new InvalidPayloadException(path + " is required");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) freeze(value, path, 0);
        return frozen;
    }

    private static Object freeze(Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidPayloadException(path + " is nested deeper than " + MAX_DEPTH);
        }
        return switch (value) {
            case null -> throw new InvalidPayloadException(path + " is null");
            case String s -> s;
            case Boolean b -> b;
            case BigInteger i -> i;
            case Long l -> BigInteger.valueOf(l);
            case Integer i -> BigInteger.valueOf(i);
            case Short s -> BigInteger.valueOf(s);
            case Byte b -> BigInteger.valueOf(b);
            case byte[] bytes -> bytes.clone();
            case EthAddress a -> a;
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new InvalidPayloadException(path + " has a non-string key");
                    }
                    out.put(key, freeze(e.getValue(), path + "." + key, depth + 1));
                }
                yield Collections.unmodifiableMap(out);
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(freeze(list.get(i), path + "[" + i + "]", depth + 1));
                }
                yield Collections.unmodifiableList(out);
            }
            default -> throw new InvalidPayloadException(
                    path + " has an unsupported value type " + value.getClass().getSimpleName());
        };
    }
}
