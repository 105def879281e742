package io.custody.api.signing;

import io.custody.enclave.protocol.SignPayload;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A validated signing request: what goes to the enclave, and what the audit trail records about
 * it. The summary fields are derived from the payload, never taken separately from the client.
 *
 * @param type    the request's {@code type}
 * @param payload the structured payload the enclave encodes, hashes and signs itself
 * @param chainId the transaction's chain id; null for messages and typed data
 * @param to      the destination in EIP-55 form; null for contract creation, messages and typed data
 * @param value   the wei transferred; null for messages and typed data
 */
public record SigningRequest(SignatureType type, SignPayload payload, BigInteger chainId, String to,
        BigInteger value) {

    public SigningRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (type.isTransaction() != (payload instanceof SignPayload.Transaction)) {
            throw new IllegalArgumentException("payload does not match " + type.jsonName());
        }
    }

    /** A transaction without a destination: it deploys a contract. */
    public boolean isContractCreation() {
        return type.isTransaction() && to == null;
    }
}
