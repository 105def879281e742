package io.custody.api.accounts;

import io.custody.api.audit.AuditLog;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.Csv;
import io.custody.api.http.JsonText;
import io.custody.model.Ids;
import io.custody.model.tenant.Tenant;
import io.custody.model.tenant.TenantDataKey;
import io.custody.model.tenant.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Account batches: submitting one, its progress, and the addresses it has created. */
@ApplicationScoped
public class AccountBatchService {

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    /** Records a PENDING batch for the runner; the caller wakes the runner once this commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AccountBatchView submit(UUID tenantId, int count, String labelPrefix) {
        // FOR SHARE: a concurrent suspension waits for this submission, or this one sees it.
        Tenant tenant = Tenant.findById(tenantId, LockModeType.PESSIMISTIC_READ);
        if (tenant == null) {
            throw ApiException.tenantNotFound();
        }
        if (tenant.status != TenantStatus.ACTIVE) {
            throw new ApiException(ErrorCode.TENANT_SUSPENDED, "The tenant is suspended: it cannot create accounts.");
        }
        if (TenantDataKey.activeFor(tenantId).isEmpty()) {
            throw new IllegalStateException("tenant " + tenantId + " has no active data key");
        }
        UUID id = Ids.newId();
        em.createNativeQuery("""
                INSERT INTO account_batches (id, tenant_id, requested, label_prefix, status)
                VALUES (:id, :tenant, :requested, :prefix, 'PENDING')""")
                .setParameter("id", id)
                .setParameter("tenant", tenantId)
                .setParameter("requested", count)
                .setParameter("prefix", labelPrefix)
                .executeUpdate();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requested", count);
        details.put("labelPrefix", labelPrefix);
        audit.record(tenantId, "account_batch.create", "account_batch", id, details);
        return find(tenantId, id);
    }

    @Transactional
    public AccountBatchView get(UUID tenantId, UUID batchId) {
        if (Tenant.findById(tenantId) == null) {
            throw ApiException.tenantNotFound();
        }
        return find(tenantId, batchId);
    }

    private AccountBatchView find(UUID tenantId, UUID batchId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, status, requested, created, label_prefix, failure_code, failure_detail,
                       created_at, updated_at, completed_at
                FROM account_batches WHERE tenant_id = :tenant AND id = :id""")
                .setParameter("tenant", tenantId)
                .setParameter("id", batchId)
                .getResultList();
        if (rows.isEmpty()) {
            throw new ApiException(ErrorCode.BATCH_NOT_FOUND, "No such account batch.");
        }
        Object[] row = rows.getFirst();
        AccountBatchView.Failure failure = row[5] == null ? null
                : new AccountBatchView.Failure((String) row[5], (String) row[6]);
        return new AccountBatchView((UUID) row[0], (String) row[1], ((Number) row[2]).intValue(),
                ((Number) row[3]).intValue(), (String) row[4], failure, instant(row[7]), instant(row[8]), instant(row[9]));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime time -> time.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    /** The format of an address listing. */
    public enum AddressFormat {
        NDJSON, CSV
    }

    /**
     * Streams the batch's accounts (id, address, label) in id order, reading them through a
     * server-side cursor: millions of rows never sit in memory at once.
     */
    public void writeAddresses(UUID tenantId, UUID batchId, AddressFormat format, OutputStream output)
            throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // the PostgreSQL driver uses a cursor only inside a transaction
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, address, label FROM accounts WHERE tenant_id = ? AND batch_id = ? ORDER BY id""")) {
                select.setFetchSize(10_000);
                select.setObject(1, tenantId);
                select.setObject(2, batchId);
                Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
                if (format == AddressFormat.CSV) {
                    out.write("id,address,label\r\n");
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(1);
                        String address = Addresses.checksummed(rows.getBytes(2));
                        String label = rows.getString(3);
                        if (format == AddressFormat.CSV) {
                            out.write(id + "," + address + "," + Csv.field(label) + "\r\n");
                        } else {
                            out.write("{\"id\":\"" + id + "\",\"address\":\"" + address + "\",\"label\":"
                                    + JsonText.string(label) + "}\n");
                        }
                    }
                }
                out.flush();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the batch's accounts", e);
        }
    }
}
