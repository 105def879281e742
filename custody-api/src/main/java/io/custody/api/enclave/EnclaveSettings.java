package io.custody.api.enclave;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How custody-api reaches the enclave signer and what it expects of it. */
@ConfigMapping(prefix = "custody.enclave")
public interface EnclaveSettings {

    /** Where the signer listens: the vsock bridge's local port in production, the launched process locally. */
    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5005")
    int port();

    /** Multiplexed connections in the pool. */
    @WithDefault("4")
    int connections();

    /** Deadline of one request to the signer. */
    @WithDefault("30s")
    Duration timeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * The root the signer's attestation documents must chain to: {@code aws-nitro} (production)
     * or {@code simulated} (dev and test; the prod profile refuses it).
     */
    @WithDefault("aws-nitro")
    String trustedRoot();

    /** The enclave image (PCR0, 96 hex) custody-api expects; checked at start when set. */
    Optional<String> expectedPcr0();
}
