package io.custody.api.accounts;

import io.custody.model.account.Account;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** An account as the API shows it: never anything about its key beyond the public key. */
public record AccountView(UUID id, String address, String publicKey, String curve, String label, UUID batchId,
        Instant createdAt) {

    static AccountView of(Account account) {
        return new AccountView(account.id, Addresses.checksummed(account.address),
                "0x" + HexFormat.of().formatHex(account.publicKey), account.curve, account.label, account.batchId,
                account.createdAt);
    }
}
