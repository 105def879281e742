package io.custody.api.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Keeps monthly audit partitions created ahead of time, so an audit insert never lacks one. */
@ApplicationScoped
public class AuditPartitions {
    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);

    @Inject
    EntityManager em;

    @ConfigProperty(name = "custody.audit.partition-months-ahead", defaultValue = "12")
    int monthsAhead;

    @Transactional
    @Scheduled(every = "24h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void ensure() {
        Number created = (Number) em.createNativeQuery("SELECT audit_events_ensure_partitions(:months)")
                .setParameter("months", monthsAhead)
                .getSingleResult();
        if (created.intValue() > 0) {
            LOG.infof("Created %d audit partition(s); partitions now reach %d months ahead", created.intValue(), monthsAhead);
        }
    }
}
