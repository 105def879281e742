package io.custody.enclave;

/**
 * What a client asks the enclave to sign, in structured form. The enclave encodes and hashes it
 * itself (invariant 4): there is no "sign this hash" payload and no {@code hashFirst} flag.
 */
public sealed interface SigningPayload permits TransactionPayload, Eip191Message, Eip712TypedData {}
