/**
 * The enclave-signer process: {@link io.custody.enclave.server.EnclaveMain} (the command line) and,
 * package-private, the wiring of the frame server, the NSM, the ephemeral RSA recipient keys, the
 * KMS gateway (GenerateDataKey / Decrypt with a Recipient), the tenant DEK cache and the handler
 * that serves every protocol operation with the signing core ({@code io.custody.enclave}).
 */
package io.custody.enclave.server;
