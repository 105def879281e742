package io.custody.api.accounts;

import io.custody.api.keystore.KeyStore;
import io.custody.api.keystore.StoredShard;
import io.custody.enclave.protocol.Messages;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Bulk writes of a shard and its accounts on a JDBC connection, inside the caller's transaction:
 * one {@code key_shards} insert and one {@code COPY accounts FROM STDIN} for all of the shard's
 * accounts (never a loop of single inserts).
 */
final class AccountRows {
    private static final HexFormat HEX = HexFormat.of();

    private AccountRows() {
    }

    static void insertShard(Connection connection, UUID tenantId, int dekVersion, StoredShard shard, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO key_shards (id, tenant_id, dek_version, store, secret_name, secret_arn, format_version,
                                        entry_count, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, shard.shardId());
            insert.setObject(2, tenantId);
            insert.setInt(3, dekVersion);
            insert.setString(4, shard.store());
            insert.setString(5, shard.secretName());
            insert.setString(6, shard.secretArn());
            insert.setShort(7, (short) shard.formatVersion());
            insert.setInt(8, shard.entryCount());
            insert.setTimestamp(9, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    /**
     * Copies the accounts of one shard; the account at index i takes slot i and, when a label
     * prefix is given, the label {@code prefix + (firstNumber + i)}.
     */
    static void copyAccounts(Connection connection, UUID tenantId, UUID batchId, int dekVersion, StoredShard shard,
            List<Messages.CreatedAccount> accounts, String labelPrefix, long firstNumber, Instant now)
            throws SQLException {
        boolean keysInRows = KeyStore.POSTGRES.equals(shard.store());
        String createdAt = now.toString();
        StringBuilder data = new StringBuilder(accounts.size() * (keysInRows ? 420 : 290));
        for (int slot = 0; slot < accounts.size(); slot++) {
            Messages.CreatedAccount account = accounts.get(slot);
            data.append(account.accountId()).append('\t')
                    .append(tenantId).append('\t');
            bytea(data, account.address()).append('\t');
            bytea(data, account.publicKey()).append('\t')
                    .append(AccountService.CURVE).append('\t');
            if (labelPrefix == null) {
                data.append("\\N");
            } else {
                text(data, labelPrefix).append(firstNumber + slot);
            }
            data.append('\t').append(batchId == null ? "\\N" : batchId.toString()).append('\t')
                    .append(dekVersion).append('\t')
                    .append(shard.shardId()).append('\t')
                    .append(slot).append('\t');
            if (keysInRows) {
                bytea(data, account.wrappedKey());
            } else {
                data.append("\\N");
            }
            data.append('\t').append(createdAt).append('\n');
        }
        try {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY accounts (id, tenant_id, address, public_key, curve, label, batch_id, dek_version, shard_id,
                                   shard_slot, wrapped_key, created_at) FROM STDIN""", new StringReader(data.toString()));
            if (copied != accounts.size()) {
                throw new SQLException("COPY wrote " + copied + " accounts, expected " + accounts.size());
            }
        } catch (IOException e) {
            throw new SQLException("COPY of accounts failed", e);
        }
    }

    // COPY text format: bytea as \x<hex>, with the backslash itself escaped.
    private static StringBuilder bytea(StringBuilder out, byte[] bytes) {
        return out.append("\\\\x").append(HEX.formatHex(bytes));
    }

    // COPY text format escapes; labels have no control characters (validated), but may hold a backslash.
    private static StringBuilder text(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
