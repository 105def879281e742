package io.custody.enclave;

import io.custody.enclave.internal.Eip712Encoder;
import io.custody.enclave.internal.Eip712Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * EIP-712 typed structured data, with {@code eth_signTypedData_v4} semantics: nested structs,
 * arrays (of arrays and of structs), {@code bytes}/{@code string} hashed, {@code bytesN} exact
 * length, {@code intN}/{@code uintN} range-checked, {@code address}, {@code bool}.
 *
 * <p>Values are JSON-like Java objects: {@code Map<String, ?>} for structs, {@code List<?>} for
 * arrays, {@code Boolean}, {@code String} (text for {@code string}; {@code 0x} hex for bytes and
 * addresses; decimal or {@code 0x} hex, optionally negative, for integers), integral
 * {@code Number}s, {@code byte[]} and {@link EthAddress}. They are deep-copied into unmodifiable
 * structures here, so what the policy inspects is exactly what gets signed.
 *
 * <p>The domain type is {@code types.get("EIP712Domain")} when given; otherwise it is derived from
 * the domain's keys in the canonical order {@code name, version, chainId, verifyingContract, salt}
 * (what ethers and MetaMask do). Data must match its type exactly: a missing or undeclared member
 * is refused, so nothing is shown to a user that is not signed.
 *
 * @param types       struct definitions by name
 * @param primaryType the struct type of {@code message}
 * @param domain      the EIP712Domain values
 * @param message     the message values
 */
public record Eip712TypedData(
        Map<String, List<Eip712Field>> types,
        String primaryType,
        Map<String, Object> domain,
        Map<String, Object> message) implements SigningPayload {

    public Eip712TypedData {
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(primaryType, "primaryType");
        Map<String, List<Eip712Field>> copy = new LinkedHashMap<>();
        types.forEach((name, fields) -> copy.put(name, List.copyOf(fields)));
        types = java.util.Collections.unmodifiableMap(copy);
        domain = Eip712Values.freezeStruct(domain, "domain");
        message = Eip712Values.freezeStruct(message, "message");
        Eip712Encoder.checkTypes(types, primaryType);
    }
}
