package io.custody.enclave;

import java.util.Objects;

/**
 * What a {@link SigningPolicy} decides on: who signs (identity and address) and the structured
 * payload, before anything is encoded, hashed or signed.
 */
public record SigningRequest(KeyIdentity key, EthAddress signer, SigningPayload payload) {

    public SigningRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(payload, "payload");
    }
}
