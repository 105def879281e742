package io.custody.api.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a schema owner configured, DatabaseBootstrap grants the runtime role least privilege at
 * start. This test has it grant a probe role, then acts as that role (SET ROLE drops the
 * superuser's rights) and checks what the grants allow. Each action runs in a transaction that is
 * rolled back, so nothing is left behind.
 */
@QuarkusTest
class RuntimeRoleGrantsTest {
    private static final String PROBE = "custody_runtime_probe";
    private static final DataSource DB = TestDb.get();

    @BeforeAll
    static void grantAsTheBootstrapWould() throws Exception {
        try (Connection c = DB.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + PROBE
                    + "') THEN CREATE ROLE " + PROBE + " NOLOGIN; END IF; END $$");
            DatabaseBootstrap.grantRuntimeRole(c, PROBE);
        }
    }

    /** Runs {@code sql} as the probe role in a transaction that is rolled back. */
    private static void asRuntimeRole(String sql) throws SQLException {
        try (Connection c = DB.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL ROLE " + PROBE);
                s.execute(sql);
            } finally {
                c.rollback();
            }
        }
    }

    private static String insertEvent(UUID id) {
        return "INSERT INTO audit_events (id, tenant_id, occurred_at, actor, action, outcome) VALUES ('" + id
                + "', NULL, now(), 'probe', 'probe.check', 'SUCCESS')";
    }

    @Test
    void theRuntimeRole_insertsAndSealsAuditEvents_butCannotChangeOrDeleteThem() throws SQLException {
        UUID id = UUID.randomUUID();
        asRuntimeRole(insertEvent(id));
        asRuntimeRole(insertEvent(id) + "; UPDATE audit_events SET seq = 1, prev_hash = sha256(''::bytea), "
                + "hash = sha256('x'::bytea) WHERE id = '" + id + "'"); // the sealer's one update

        for (String change : new String[] {
                "UPDATE audit_events SET actor = 'someone-else' WHERE id = '" + id + "'",
                "DELETE FROM audit_events WHERE id = '" + id + "'",
                "TRUNCATE audit_events",
                "DELETE FROM audit_chain_heads"}) {
            SQLException refused = assertThrows(SQLException.class, () -> asRuntimeRole(change), change);
            assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage()); // insufficient_privilege
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        }
    }

    @Test
    void theRuntimeRole_stillDoesItsWork_onTheOtherTables() throws SQLException, IOException {
        asRuntimeRole("SELECT count(*) FROM tenants");
        asRuntimeRole("UPDATE tenants SET updated_at = updated_at WHERE false");
        asRuntimeRole("DELETE FROM idempotency_keys WHERE false");
        asRuntimeRole("SELECT audit_events_ensure_partitions(1)");
    }
}
