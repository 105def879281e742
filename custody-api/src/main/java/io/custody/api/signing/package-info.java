/**
 * The signing request and response of
 * {@code POST /v1/tenants/{tenantId}/accounts/{accountId}/signatures}: validation of the JSON body
 * into the structured payload the enclave encodes, hashes and signs itself
 * ({@link io.custody.api.signing.SignatureRequestParser}), and the response built from the
 * enclave's answer ({@link io.custody.api.signing.SignatureResponses}). The API refuses early, with
 * a 4xx and the field's JSON path, everything the enclave would refuse.
 *
 * <h2>Request</h2>
 * A JSON object {@code {"type": ..., ...}}; {@code type} is one of {@code eip1559_transaction},
 * {@code eip2930_transaction}, {@code legacy_transaction}, {@code eip191_message},
 * {@code eip712_typed_data}. Unknown fields are refused (UNKNOWN_FIELD); a field of another type
 * is refused even when null (FIELD_NOT_ALLOWED). No coercion between JSON types. For optional
 * fields, absent and {@code null} mean the same.
 *
 * <h3>Transactions</h3>
 * <pre>
 * {"type": "eip1559_transaction", "transaction": {
 *    "chainId": 1, "nonce": 0, "to": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
 *    "value": "1000000000000000000", "gasLimit": 21000,
 *    "maxFeePerGas": "0x2540be400", "maxPriorityFeePerGas": "1000000000",
 *    "data": "0x", "accessList": [{"address": "0x...", "storageKeys": ["0x" + 64 hex digits]}]}}
 * </pre>
 * <table>
 * <caption>Transaction fields</caption>
 * <tr><th>field</th><th>types</th><th>rule</th></tr>
 * <tr><td>chainId</td><td>all</td><td>required, 1 to 2^64-1 (missing or 0: CHAIN_ID_REQUIRED;
 *     unprotected pre-EIP-155 transactions are never signed)</td></tr>
 * <tr><td>nonce, gasLimit</td><td>all</td><td>required, uint64</td></tr>
 * <tr><td>value</td><td>all</td><td>required, uint256, string only</td></tr>
 * <tr><td>to</td><td>all</td><td>optional; absent or null is a contract creation, which needs
 *     non-empty data</td></tr>
 * <tr><td>data</td><td>all</td><td>optional (default empty), at most 128 KiB</td></tr>
 * <tr><td>gasPrice</td><td>legacy, EIP-2930</td><td>required, uint256, string only</td></tr>
 * <tr><td>maxFeePerGas, maxPriorityFeePerGas</td><td>EIP-1559</td><td>required, uint256, string
 *     only; maxPriorityFeePerGas &le; maxFeePerGas</td></tr>
 * <tr><td>accessList</td><td>EIP-2930, EIP-1559</td><td>optional (default empty); at most 1024
 *     entries {@code {address, storageKeys}}, each at most 1024 keys of 32 bytes</td></tr>
 * </table>
 * The signed transaction must also fit what the signer returns (128 KiB + 4 KiB): data and access
 * list together are bounded by that (PAYLOAD_TOO_LARGE).
 *
 * <p><b>Quantities.</b> A decimal string without sign or leading zeros ({@code "0"},
 * {@code "21000"}), or a {@code 0x} hex string of at least one digit in either case, leading zeros
 * allowed ({@code "0x0"}, {@code "0x5208"}, {@code "0x01"}: hex is unambiguous, and encoders pad to
 * whole bytes). chainId, nonce and gasLimit may also be JSON integers from 0 to 2^53-1; larger
 * values must be strings, since a JSON number above 2^53-1 may have been rounded by its writer
 * (RFC 7493). value and the fees are strings only: wei amounts routinely exceed 2^53. Refused
 * (INVALID_QUANTITY): empty, {@code "0x"} alone, {@code "0X..."}, a sign, white space, decimal
 * leading zeros ({@code "010"} is 10 or 8 depending on the reader), fractions, exponents.
 * Out of range: QUANTITY_OUT_OF_RANGE.
 *
 * <p><b>Byte strings</b> ({@code data}, {@code messageHex}, storage keys): lower-case {@code 0x}
 * then an even number of ASCII hex digits in either case; {@code "0x"} is empty (INVALID_HEX).
 * <b>Addresses</b>: {@code 0x} and 40 hex digits (INVALID_ADDRESS); all lower or all upper case as
 * given, mixed case must carry a correct EIP-55 checksum (INVALID_CHECKSUM).
 *
 * <h3>EIP-191 messages</h3>
 * {@code {"type": "eip191_message", "message": "text"}} (signed as its UTF-8 bytes) or
 * {@code {"type": "eip191_message", "messageHex": "0x..."}}: exactly one, at most 64 KiB; text with
 * an unpaired surrogate is refused. Signed as {@code personal_sign}.
 *
 * <h3>EIP-712 typed data</h3>
 * {@code {"type": "eip712_typed_data", "typedData": {types, primaryType, domain, message}}} as in
 * {@code eth_signTypedData_v4}, checked as the enclave checks it: exactly those four members;
 * {@code types} an object of arrays of exactly {@code {name, type}}; identifier names, unique
 * members, resolvable member types; {@code primaryType} defined (or {@code EIP712Domain}); without
 * an {@code EIP712Domain} type, domain keys among name, version, chainId, verifyingContract, salt;
 * no null, no fraction or exponent, integers of at most 80 digits, nesting at most 32 levels; every
 * value matching its type (INVALID_TYPED_DATA, or the value format codes above). The enclave gets
 * the canonical JSON text (RFC 8785 for integer-only documents: sorted keys, no white space), at
 * most 64 KiB of UTF-8: the same typed data in any key order is the same payload.
 *
 * <h2>Response</h2>
 * <pre>
 * {"type": "eip1559_transaction",
 *  "signature": {"r": "0x" + 64 hex, "s": "0x" + 64 hex, "v": 1, "yParity": 1},
 *  "signedTransaction": "0x02f8...", "transactionHash": "0x" + 64 hex}
 * {"type": "eip191_message", "signature": {..., "v": 28, "yParity": 1}, "messageHash": "0x" + 64 hex}
 * </pre>
 * r and s are 32-byte words (zero-padded), s is low-S. yParity is 0 or 1. {@code v} is 27 +
 * yParity for messages and typed data; chainId * 2 + 35 + yParity for legacy transactions
 * (EIP-155); for EIP-2930 and EIP-1559 transactions v is yParity, as Ethereum JSON-RPC returns
 * it. v is a JSON number when at most 2^53-1 (always, except legacy transactions whose chainId
 * exceeds 2^52-19) and a decimal string above that; clients that need exactness for any
 * chain should read yParity. Transactions carry {@code signedTransaction} (for
 * {@code eth_sendRawTransaction}) and {@code transactionHash}; messages and typed data carry
 * {@code messageHash}, the 32-byte hash that was signed.
 *
 * <h2>Errors</h2>
 * problem+json with a {@link io.custody.api.error.ErrorCode} code, status 400 (413 for
 * PAYLOAD_TOO_LARGE), {@code field} as a JSON path ({@code transaction.accessList[0].address},
 * {@code typedData.message.from.wallet}; member names over 64 characters are cut) and a detail
 * that never quotes the submitted value.
 */
package io.custody.api.signing;
