package io.custody.api.audit;

import static io.custody.api.support.Api.as;
import static io.custody.api.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.support.Sql;
import io.custody.api.support.TestDb;
import io.custody.api.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest {

    private final DataSource db = TestDb.get();

    @Test
    void tenantCreation_writesOneAuditEvent_withActorTenantActionResourceOutcomeAndRequestId() {
        String requestId = "audit-" + UUID.randomUUID();
        String token = Tokens.sign(Tokens.claims("ops-alice", "platform-admin"));
        String id = as(token).header("X-Request-Id", requestId).body(Map.of("name", unique("Audited")))
                .post("/v1/tenants").then().statusCode(201).extract().path("id");

        assertEquals(1, Sql.count(db, """
                SELECT count(*) FROM audit_events
                WHERE tenant_id = ?::uuid AND actor = 'ops-alice' AND action = 'tenant.create'
                  AND resource_type = 'tenant' AND resource_id = ? AND outcome = 'SUCCESS' AND request_id = ?""",
                id, id, requestId));
    }

    @Test
    void auditEvents_cannotBeUpdatedOrDeleted() {
        String id = as(Tokens.platformAdmin()).body(Map.of("name", unique("Immutable")))
                .post("/v1/tenants").then().statusCode(201).extract().path("id");

        SQLException update = assertThrows(SQLException.class, () -> Sql.execute(db,
                "UPDATE audit_events SET actor = 'someone-else' WHERE tenant_id = ?::uuid", id));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        SQLException delete = assertThrows(SQLException.class, () -> Sql.execute(db,
                "DELETE FROM audit_events WHERE tenant_id = ?::uuid", id));
        assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        assertThrows(SQLException.class, () -> Sql.execute(db, "TRUNCATE audit_events"));

        assertEquals(1, Sql.count(db, "SELECT count(*) FROM audit_events WHERE tenant_id = ?::uuid AND actor = 'platform-ops'"
                + " AND action = 'tenant.create'", id));
    }

    @Test
    void auditPartitions_existForTheComingYear() {
        long months = Sql.count(db, """
                SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'audit_events'::regclass
                  AND c.relname >= 'audit_events_y' || to_char(now(), 'YYYY') || 'm' || to_char(now(), 'MM')
                  AND c.relname <= 'audit_events_y' || to_char(now() + interval '12 months', 'YYYY') || 'm'
                                   || to_char(now() + interval '12 months', 'MM')""");
        assertEquals(13, months);
    }
}
