package io.custody.api.aws;

import io.custody.api.keystore.KeyStore;
import io.custody.api.keystore.PostgresKeyStore;
import io.custody.api.keystore.SecretsManagerKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Chooses where wrapped account keys are kept ({@code custody.keystore.type}): packed shards in
 * Secrets Manager (the default, ARCHITECTURE.md §3) or the accounts' own PostgreSQL rows.
 */
@ApplicationScoped
public class KeyStoreProducer {

    @ConfigProperty(name = "custody.keystore.type", defaultValue = "secrets-manager")
    String type;

    /** Shard secrets are named {@code <prefix>/<tenantId>/<shardId>}, so IAM can be limited to the prefix. */
    @ConfigProperty(name = "custody.keystore.secret-prefix", defaultValue = "custody/shards")
    String secretPrefix;

    /** Decoded shard ciphertext kept in memory, so a signature costs no GetSecretValue. */
    @ConfigProperty(name = "custody.keystore.cache-bytes", defaultValue = "134217728")
    long cacheBytes;

    @Inject
    jakarta.enterprise.inject.Instance<SecretsManagerClient> secretsManager;

    @Produces
    @ApplicationScoped
    KeyStore keyStore() {
        return switch (type) {
            case "secrets-manager" -> new SecretsManagerKeyStore(secretsManager.get(), secretPrefix, cacheBytes);
            case "postgres" -> new PostgresKeyStore();
            default -> throw new IllegalStateException("custody.keystore.type must be secrets-manager or postgres, not " + type);
        };
    }
}
