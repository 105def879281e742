package io.custody.api.support;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The test database, reached directly rather than through CDI, so the same assertions run
 * against the service in-process ({@code @QuarkusTest}) and against the packaged application
 * ({@code @QuarkusIntegrationTest}). Same defaults and environment variables as the test profile.
 */
public final class TestDb {
    private static final PGSimpleDataSource DB = named(env("CUSTODY_DB_NAME", "custody_test"));

    private TestDb() {
    }

    public static DataSource get() {
        return DB;
    }

    /** Another database on the same server, for a test that runs its own copy of the service. */
    public static PGSimpleDataSource named(String database) {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setServerNames(new String[] {env("CUSTODY_DB_HOST", "127.0.0.1")});
        db.setPortNumbers(new int[] {Integer.parseInt(env("CUSTODY_DB_PORT", "5432"))});
        db.setDatabaseName(database);
        db.setUser(env("CUSTODY_DB_USER", "postgres"));
        String password = System.getenv("CUSTODY_DB_PASSWORD");
        if (password != null) {
            db.setPassword(password);
        }
        return db;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
