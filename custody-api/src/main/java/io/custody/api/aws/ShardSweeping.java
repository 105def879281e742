package io.custody.api.aws;

import io.custody.api.keystore.ShardSweeper;
import io.custody.model.account.KeyShard;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Deletes shard secrets that no key_shards row references: what a crash between a shard's write
 * and its database commit leaves behind. Only shards older than the grace period are candidates,
 * so a batch in flight is never touched.
 */
@ApplicationScoped
public class ShardSweeping {
    private static final Logger LOG = Logger.getLogger(ShardSweeping.class);

    @ConfigProperty(name = "custody.keystore.type", defaultValue = "secrets-manager")
    String type;

    @ConfigProperty(name = "custody.keystore.secret-prefix", defaultValue = "custody/shards")
    String secretPrefix;

    @ConfigProperty(name = "custody.keystore.sweeper.grace", defaultValue = "1h")
    Duration grace;

    @ConfigProperty(name = "custody.keystore.sweeper.max-deletions-per-run", defaultValue = "100")
    int maxDeletions;

    @Inject
    Instance<SecretsManagerClient> secretsManager;

    @Scheduled(every = "${custody.keystore.sweeper.every:1h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if ("secrets-manager".equals(type)) {
            sweep();
        }
    }

    /** One sweep; returns the names of the deleted secrets. */
    public List<String> sweep() {
        ShardSweeper sweeper = new ShardSweeper(secretsManager.get(), secretPrefix,
                name -> QuarkusTransaction.requiringNew().call(() -> KeyShard.existsWithSecret(name)),
                grace, Clock.systemUTC(), maxDeletions);
        List<String> deleted = sweeper.sweep();
        if (!deleted.isEmpty()) {
            LOG.infof("Deleted %d unreferenced shard secret(s)", deleted.size());
        }
        return deleted;
    }
}
