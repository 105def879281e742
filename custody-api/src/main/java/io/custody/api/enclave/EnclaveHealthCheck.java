package io.custody.api.enclave;

import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HexFormat;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the signer answers: without it no key can be created or used. */
@Readiness
@ApplicationScoped
public class EnclaveHealthCheck implements HealthCheck {

    @Inject
    EnclaveGateway gateway;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("Enclave signer");
        try {
            Messages.HealthResponse health = gateway.health();
            return builder.status("UP".equals(health.status()))
                    .withData("version", health.version())
                    .withData("pcr0", HexFormat.of().formatHex(health.pcr0()))
                    .build();
        } catch (EnclaveException e) {
            return builder.down().withData("error", e.code().name()).build();
        }
    }
}
