/**
 * Storage of wrapped account keys on the untrusted host (ARCHITECTURE.md §3).
 *
 * <p>What it stores: the enclave's AES-GCM wrapped keys (ciphertext under a tenant DEK, bound to
 * tenant, account, DEK version and curve), packed into write-once shards. It never holds, sees
 * or logs a plaintext private key, and nothing here can open a wrapped key: only the enclave can.
 *
 * <ul>
 *   <li>{@link io.custody.api.keystore.ShardFormat}: the versioned binary form of a shard
 *       (at most 65,536 bytes, about 828 secp256k1 keys), decoded strictly.
 *   <li>{@link io.custody.api.keystore.KeyStore}: write a shard, read one account's wrapped key
 *       from its location (checked against the shard's header and the slot's account id).
 *   <li>{@link io.custody.api.keystore.SecretsManagerKeyStore}: one secret per shard, idempotent
 *       writes (token = shard id), a bounded LRU cache of ciphertext for reads.
 *   <li>{@link io.custody.api.keystore.PostgresKeyStore}: the Postgres-only option. Modelled as a
 *       KeyStore whose {@code store} only validates and returns the {@code key_shards} row (the
 *       wrapped keys go into {@code accounts.wrapped_key} in the caller's transaction) and whose
 *       {@code wrappedKey} refuses: the signing path reads the key from the account row it already
 *       has, so a second read would only add a query.
 *   <li>{@link io.custody.api.keystore.ShardSweeper}: deletes shard secrets no row references,
 *       older than a grace period.
 * </ul>
 * Errors: {@link io.custody.api.keystore.KeyStoreException} with a reason (MISSING, CORRUPT,
 * MISMATCH, UNAVAILABLE), never key bytes in a message.
 */
package io.custody.api.keystore;
