package io.custody.api.accounts;

import io.custody.api.audit.AuditLog;
import io.custody.api.enclave.EnclaveGateway;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.api.http.Cursors;
import io.custody.api.http.Page;
import io.custody.api.keystore.KeyStore;
import io.custody.api.keystore.ShardEntry;
import io.custody.api.keystore.StoredShard;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.Messages;
import io.custody.model.Ids;
import io.custody.model.account.Account;
import io.custody.model.account.KeyShard;
import io.custody.model.tenant.Tenant;
import io.custody.model.tenant.TenantDataKey;
import io.custody.model.tenant.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accounts of a tenant. Creating one: the enclave generates the key and returns it wrapped under
 * the tenant's DEK; the wrapped key is made durable in the key store; then, in one transaction,
 * the shard row, the account row and the audit event are committed. A failure after the key store
 * write leaves an unreferenced shard (the sweeper's to delete), never an account without its key.
 */
@ApplicationScoped
public class AccountService {
    static final String CURVE = "secp256k1";

    @Inject
    EnclaveGateway enclave;

    @Inject
    KeyStore keyStore;

    @Inject
    AuditLog audit;

    @Transactional
    public AccountView create(UUID tenantId, String label) {
        // FOR SHARE: a concurrent suspension waits for this creation, or this one sees it.
        Tenant tenant = Tenant.findById(tenantId, LockModeType.PESSIMISTIC_READ);
        if (tenant == null) {
            throw ApiException.tenantNotFound();
        }
        if (tenant.status != TenantStatus.ACTIVE) {
            throw new ApiException(ErrorCode.TENANT_SUSPENDED, "The tenant is suspended: it cannot create accounts.");
        }
        TenantDataKey dek = TenantDataKey.activeFor(tenantId)
                .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no active data key"));
        DataKeyRef dekRef = new DataKeyRef(dek.id.version(), dek.kmsKeyId, dek.ciphertext);
        UUID accountId = Ids.newId();
        Messages.CreatedAccount created = enclave.createAccounts(tenantId, dekRef, List.of(accountId)).getFirst();
        if (!created.accountId().equals(accountId)) {
            throw new IllegalStateException("the signer answered for another account");
        }
        StoredShard shard = keyStore.store(tenantId, dekRef.version(), Ids.newId(),
                List.of(new ShardEntry(accountId, created.wrappedKey())));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        persistShard(tenantId, dekRef.version(), shard, now);

        Account account = new Account();
        account.id = accountId;
        account.tenantId = tenantId;
        account.address = created.address();
        account.publicKey = created.publicKey();
        account.curve = CURVE;
        account.label = label;
        account.dekVersion = dekRef.version();
        account.shardId = shard.shardId();
        account.shardSlot = 0;
        account.wrappedKey = KeyStore.POSTGRES.equals(shard.store()) ? created.wrappedKey() : null;
        account.createdAt = now;
        account.persist();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("address", Addresses.checksummed(account.address));
        details.put("label", label);
        details.put("dekVersion", dekRef.version());
        details.put("shardId", shard.shardId().toString());
        audit.record(tenantId, "account.create", "account", accountId, details);
        return AccountView.of(account);
    }

    static void persistShard(UUID tenantId, int dekVersion, StoredShard stored, Instant now) {
        KeyShard shard = new KeyShard();
        shard.id = stored.shardId();
        shard.tenantId = tenantId;
        shard.dekVersion = dekVersion;
        shard.store = stored.store();
        shard.secretName = stored.secretName();
        shard.secretArn = stored.secretArn();
        shard.formatVersion = (short) stored.formatVersion();
        shard.entryCount = stored.entryCount();
        shard.createdAt = now;
        shard.persist();
    }

    /** An account by id, or by its 0x address. Another tenant's account is simply not found. */
    @Transactional
    public AccountView get(UUID tenantId, String idOrAddress) {
        return AccountView.of(find(tenantId, idOrAddress));
    }

    static Account find(UUID tenantId, String idOrAddress) {
        var account = Addresses.looksLikeAddress(idOrAddress)
                ? Account.findByAddress(tenantId, Addresses.parse("accountId", idOrAddress))
                : Account.findInTenant(tenantId, io.custody.api.http.PathIds.parse("accountId", idOrAddress));
        return account.orElseThrow(() -> new ApiException(ErrorCode.ACCOUNT_NOT_FOUND, "No such account."));
    }

    @Transactional
    public Page<AccountView> list(UUID tenantId, UUID after, int limit, String labelPrefix, String address, UUID batchId) {
        if (Tenant.findById(tenantId) == null) {
            throw ApiException.tenantNotFound();
        }
        byte[] addressBytes = address == null ? null : Addresses.parse("address", address);
        List<Account> rows = Account.page(tenantId, after, labelPrefix, addressBytes, batchId, limit + 1);
        boolean more = rows.size() > limit;
        List<AccountView> items = rows.stream().limit(limit).map(AccountView::of).toList();
        return new Page<>(items, more ? Cursors.encode(items.getLast().id()) : null);
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
