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

    /** The schema's owner, who runs the migrations; absent: custody.db.user does. */
    @ConfigProperty(name = "custody.db.owner-user")
    Optional<String> ownerUser;

    @ConfigProperty(name = "custody.db.owner-password")
    Optional<String> ownerPassword;

    @Inject
    Flyway flyway;

    @Inject
    AuditPartitions auditPartitions;

    void onStart(@Observes @Priority(1) StartupEvent event) throws SQLException {
        if (createIfMissing) {
            createDatabaseIfMissing();
        }
        Flyway migrations = ownerUser.filter(owner -> !owner.equals(user))
                .map(owner -> Flyway.configure().configuration(flyway.getConfiguration())
                        .dataSource("jdbc:postgresql://" + host + ":" + port + "/" + name, owner,
                                ownerPassword.orElse(null))
                        .load())
                .orElse(flyway);
        var result = migrations.migrate();
        LOG.infof("Database %s at schema version %s (%d migration(s) applied%s)", name,
                migrations.info().current() == null ? "none" : migrations.info().current().getVersion(),
                result.migrationsExecuted, migrations == flyway ? "" : " as " + ownerUser.get());
        if (migrations != flyway) {
            try (Connection owner = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name,
                    ownerUser.get(), ownerPassword.orElse(null))) {
                grantRuntimeRole(owner, user);
            }
            LOG.infof("Role %s runs with least privilege; %s owns the schema", user, ownerUser.get());
        }
        auditPartitions.ensure();
    }

    /**
     * Grants {@code runtimeRole} least privilege (db/runtime-grants.sql): it may INSERT audit events
     * and set their chain columns, never UPDATE or DELETE them. Run as the schema's owner.
     */
    static void grantRuntimeRole(Connection owner, String runtimeRole) throws SQLException {
        if (!SAFE_NAME.matcher(runtimeRole).matches()) {
            throw new IllegalStateException("custody.db.user must be a plain identifier: " + runtimeRole);
        }
        String grants;
        try (var in = DatabaseBootstrap.class.getResourceAsStream("/db/runtime-grants.sql")) {
            grants = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("db/runtime-grants.sql is part of the application", e);
        }
        try (Statement statement = owner.createStatement()) {
            statement.execute(grants.replace("${runtimeRole}", runtimeRole));
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalStateException("custody.db.name must be a plain identifier to be created automatically: " + name);
        }
        String maintenanceUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = ownerUser.isPresent()
                ? DriverManager.getConnection(maintenanceUrl, ownerUser.get(), ownerPassword.orElse(null))
                : DriverManager.getConnection(maintenanceUrl, user, password.orElse(null))) {
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
