package io.custody.api.enclave;

import io.custody.api.dev.DevSettings;
import io.custody.api.dev.EnclaveLauncher;
import io.custody.attestation.AttestationDocument;
import io.custody.attestation.AttestationException;
import io.custody.attestation.AttestationVerifier;
import io.custody.attestation.Expectations;
import io.custody.attestation.TrustedRoots;
import io.custody.attestation.simulated.SimulatedRoot;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Before taking traffic, custody-api checks that the signer it talks to is an attested enclave:
 * a fresh document (our nonce) chaining to the configured root, and, when configured, the
 * expected image (PCR0). The prod profile accepts only the AWS Nitro root: a simulated root there
 * would let any process pose as the enclave.
 */
@Singleton
public class EnclaveTrust {
    private static final Logger LOG = Logger.getLogger(EnclaveTrust.class);
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    @Inject
    EnclaveSettings settings;

    @Inject
    DevSettings dev;

    @Inject
    EnclaveLauncher launcher;

    @Inject
    EnclaveGateway gateway;

    @ConfigProperty(name = "custody.enclave.verify-at-start", defaultValue = "true")
    boolean verifyAtStart;

    private volatile AttestationVerifier verifier;

    void onStart(@Observes @Priority(4) StartupEvent event) throws AttestationException {
        verifier = AttestationVerifier.pinnedTo(root());
        if (verifyAtStart) {
            AttestationDocument document = attestFresh();
            LOG.infof("Enclave signer attested: module %s, PCR0 %s...", document.moduleId(),
                    HexFormat.of().formatHex(document.pcr(0).orElseThrow()).substring(0, 16));
        }
    }

    /** Asks the signer for a document bound to a fresh nonce and verifies it completely. */
    public AttestationDocument attestFresh() throws AttestationException {
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        byte[] document = gateway.attest(nonce).document();
        Expectations expectations = Expectations.none().withNonce(nonce).withMaxAge(MAX_AGE);
        Optional<String> pcr0 = expectedPcr0();
        if (pcr0.isPresent()) {
            expectations = expectations.withPcr(0, HexFormat.of().parseHex(pcr0.get()));
        }
        return verifier.verify(document, Instant.now(), expectations);
    }

    private Optional<String> expectedPcr0() {
        return settings.expectedPcr0().or(() -> launcher.isLaunched() ? Optional.of(launcher.pcr0()) : Optional.empty());
    }

    private X509Certificate root() throws AttestationException {
        X509Certificate root = switch (settings.trustedRoot()) {
            case "aws-nitro" -> TrustedRoots.awsNitroRootG1();
            case "simulated" -> simulatedRoot();
            default -> throw new IllegalStateException("custody.enclave.trusted-root must be aws-nitro or simulated, not "
                    + settings.trustedRoot());
        };
        var profiles = ConfigUtils.getProfiles();
        if (!profiles.contains("dev") && !profiles.contains("test")) {
            TrustedRoots.requireProductionRoot(root); // refuses a simulated root outside dev and test
        }
        return root;
    }

    private X509Certificate simulatedRoot() {
        try {
            return SimulatedRoot.loadCertificate(dev.nsmRootDir());
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read the simulated NSM root in " + dev.nsmRootDir(), e);
        }
    }
}
