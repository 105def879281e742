package io.custody.api.dev;

import io.custody.attestation.simulated.SimulatedRoot;
import io.custody.awslocal.LocalAws;
import io.custody.awslocal.NitroAttestationCheck;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Dev and test only: starts the local KMS and Secrets Manager emulators inside this process
 * before anything uses an AWS client, so {@code ./mvnw quarkus:dev} and the packaged dev run need
 * nothing started by hand. The emulator trusts the simulated NSM root kept in the dev directory,
 * the one the local enclave signer signs under. The prod profile refuses to start with it enabled.
 */
@Singleton
public class LocalAwsLauncher {
    private static final Logger LOG = Logger.getLogger(LocalAwsLauncher.class);

    @Inject
    DevSettings settings;

    private volatile LocalAws aws;

    void onStart(@Observes @Priority(0) StartupEvent event) throws IOException {
        if (!settings.awsLocalEnabled()) {
            return;
        }
        if (ConfigUtils.getProfiles().contains("prod") && !ConfigUtils.getProfiles().contains("dev")
                && !ConfigUtils.getProfiles().contains("test")) {
            throw new IllegalStateException("custody.dev.aws-local.enabled is for the dev and test profiles only");
        }
        LocalAws.Builder builder = LocalAws.builder()
                .host("127.0.0.1")
                .port(settings.awsLocalPort())
                .principal(settings.parentAccessKeyId(), settings.parentRoleArn())
                .principal(settings.adminAccessKeyId(), settings.adminArn())
                .attestationCheck(NitroAttestationCheck.pinnedTo(SimulatedRoot.loadOrCreate(settings.nsmRootDir()).certificate()));
        settings.awsLocalDataDir().map(Path::of).ifPresent(builder::dataDir);
        aws = builder.build().start();
        LOG.infof("Local KMS and Secrets Manager emulators on %s (%s)", aws.endpoint(),
                settings.awsLocalDataDir().map(dir -> "data in " + dir).orElse("in memory"));
    }

    void onStop(@Observes ShutdownEvent event) {
        LocalAws running = aws;
        if (running != null) {
            running.close();
            aws = null;
        }
    }

    /** The running emulator (dev and test), for metrics and fault injection. */
    public LocalAws emulator() {
        LocalAws running = aws;
        if (running == null) {
            throw new IllegalStateException("the local AWS emulators are not running");
        }
        return running;
    }
}
