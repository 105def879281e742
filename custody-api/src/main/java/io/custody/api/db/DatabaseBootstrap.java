package io.custody.api.db;

import io.custody.api.audit.AuditPartitions;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the database to the current schema before the service takes traffic: creates the
 * database when configured to and it is missing, runs the Flyway migrations, and makes sure the
 * audit partitions exist ahead of time.
 */
@Singleton
public class DatabaseBootstrap {
    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    @ConfigProperty(name = "custody.db.host")
    String host;

    @ConfigProperty(name = "custody.db.port")
    int port;

    @ConfigProperty(name = "custody.db.name")
    String name;

    @ConfigProperty(name = "custody.db.user")
    String user;

    @ConfigProperty(name = "custody.db.password")
    Optional<String> password;

    @ConfigProperty(name = "custody.db.create-if-missing")
    boolean createIfMissing;

    @Inject
    Flyway flyway;

    @Inject
    AuditPartitions auditPartitions;

    void onStart(@Observes @Priority(1) StartupEvent event) throws SQLException {
        if (createIfMissing) {
            createDatabaseIfMissing();
        }
        var result = flyway.migrate();
        LOG.infof("Database %s at schema version %s (%d migration(s) applied)", name,
                flyway.info().current() == null ? "none" : flyway.info().current().getVersion(),
                result.migrationsExecuted);
        auditPartitions.ensure();
    }

    private void createDatabaseIfMissing() throws SQLException {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalStateException("custody.db.name must be a plain identifier to be created automatically: " + name);
        }
        String maintenanceUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password.orElse(null))) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
                LOG.infof("Created database %s", name);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // another instance won the race: fine
                    throw e;
                }
            }
        }
    }
}
