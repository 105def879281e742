/**
 * Implementation of the enclave signer: hex, Keccak-256, RLP, transaction and EIP-712 encoding,
 * the libsecp256k1 engine, the AES-GCM key-wrap primitive and the strict JSON parser for typed data.
 *
 * <p>Public only because Java packages cannot share package-private classes; nothing outside
 * this module may import from here (the public surface is {@code io.custody.enclave}).
 */
package io.custody.enclave.internal;
