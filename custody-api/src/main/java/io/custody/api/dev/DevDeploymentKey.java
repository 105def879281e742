package io.custody.api.dev;

import io.custody.api.aws.DeploymentKeyPolicy;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;

/**
 * Dev and test only: makes sure the emulated deployment key exists under its alias, with the
 * policy that lets only the local enclave image (its PCR0) obtain key material. The policy is
 * rewritten at every start, because rebuilding the signer changes its PCR0.
 */
@Singleton
public class DevDeploymentKey {
    private static final Logger LOG = Logger.getLogger(DevDeploymentKey.class);

    @Inject
    DevSettings settings;

    @Inject
    LocalAwsLauncher launcher;

    @ConfigProperty(name = "custody.kms.key-id")
    String keyAlias;

    private volatile String pcr0Hex;

    void onStart(@Observes @Priority(2) StartupEvent event) {
        // With a launched signer, EnclaveLauncher sets the policy once it knows the signer's PCR0.
        if (settings.awsLocalEnabled() && !settings.launchEnclave()) {
            ensure(settings.enclavePcr0().orElse(DevSettings.NO_ENCLAVE_PCR0));
        }
    }

    /** Creates the key and alias if missing, and sets its policy to allow the enclave with this PCR0. */
    public synchronized String ensure(String enclavePcr0Hex) {
        String policy = DeploymentKeyPolicy.forEnclave(settings.parentRoleArn(), settings.adminArn(), enclavePcr0Hex,
                Optional.empty());
        try (KmsClient kms = adminClient()) {
            Optional<String> existing = kms.listAliasesPaginator(r -> { }).aliases().stream()
                    .filter(alias -> alias.aliasName().equals(keyAlias))
                    .map(AliasListEntry::targetKeyId)
                    .findFirst();
            String keyId;
            if (existing.isPresent()) {
                keyId = existing.get();
                kms.putKeyPolicy(r -> r.keyId(keyId).policyName("default").policy(policy));
            } else {
                keyId = kms.createKey(r -> r.policy(policy).description("custody deployment key (local emulator)"))
                        .keyMetadata().keyId();
                kms.createAlias(r -> r.aliasName(keyAlias).targetKeyId(keyId));
                LOG.infof("Created the deployment key %s as %s in the local KMS", keyId, keyAlias);
            }
            pcr0Hex = enclavePcr0Hex;
            return keyId;
        }
    }

    /** The PCR0 the key policy currently allows. */
    public String allowedPcr0() {
        return pcr0Hex;
    }

    private KmsClient adminClient() {
        return KmsClient.builder()
                .endpointOverride(launcher.emulator().endpoint())
                .region(Region.of(launcher.emulator().region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.adminAccessKeyId(), "local-emulator-does-not-check")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
