package io.custody.enclave;

import java.util.Objects;

/**
 * One member of an EIP-712 struct type, e.g. {@code {name: "wallet", type: "address"}}.
 *
 * @param name the member name
 * @param type its type: an atomic type ({@code bool}, {@code address}, {@code bytes1..32},
 *             {@code uint8..256}, {@code int8..256}), a dynamic type ({@code bytes}, {@code string}),
 *             a struct name, or any of these followed by array suffixes ({@code []} or {@code [k]})
 */
public record Eip712Field(String name, String type) {

    public Eip712Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
