/**
 * The enclave signer's public surface: secrets ({@link io.custody.enclave.SecretBytes}), account
 * keys ({@link io.custody.enclave.Secp256k1Keys}, {@link io.custody.enclave.AccountKeyWrapper},
 * {@link io.custody.enclave.SigningKey}), payloads ({@link io.custody.enclave.SigningPayload}) and
 * the signer ({@link io.custody.enclave.EnclaveSigner}) with its policy hook
 * ({@link io.custody.enclave.SigningPolicy}). Everything else lives in {@code internal}.
 */
package io.custody.enclave;
