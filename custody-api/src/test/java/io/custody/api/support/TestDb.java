package io.custody.api.support;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The test database, reached directly rather than through CDI, so the same assertions run
 * against the service in-process ({@code @QuarkusTest}) and against the packaged application
 * ({@code @QuarkusIntegrationTest}). Same defaults and environment variables as the test profile.
 */
public final class TestDb {
    private static final PGSimpleDataSource DB = new PGSimpleDataSource();

    static {
        DB.setServerNames(new String[] {env("CUSTODY_DB_HOST", "127.0.0.1")});
        DB.setPortNumbers(new int[] {Integer.parseInt(env("CUSTODY_DB_PORT", "5432"))});
        DB.setDatabaseName(env("CUSTODY_DB_NAME", "custody_test"));
        DB.setUser(env("CUSTODY_DB_USER", "postgres"));
        String password = System.getenv("CUSTODY_DB_PASSWORD");
        if (password != null) {
            DB.setPassword(password);
        }
    }

    private TestDb() {
    }

    public static DataSource get() {
        return DB;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
