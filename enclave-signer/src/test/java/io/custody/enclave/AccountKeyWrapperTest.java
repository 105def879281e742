package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.KeyUnwrapException.Reason;
import io.custody.enclave.internal.Hex;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountKeyWrapperTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyIdentity ID = new KeyIdentity(UUID.randomUUID(), UUID.randomUUID(), 3, Curve.SECP256K1);

    private SecretBytes dek;
    private SecretBytes key;
    private byte[] wrapped;

    @BeforeEach
    void wrapOneKey() {
        dek = SecretBytes.random(32, RANDOM);
        key = Secp256k1Keys.generate(RANDOM);
        wrapped = AccountKeyWrapper.wrap(dek, ID, key);
    }

    @AfterEach
    void wipe() {
        dek.close();
        key.close();
    }

    @Test
    void wrap_producesVersionedSixtyOneByteBlob_thatUnwrapsToTheSameKey() {
        assertEquals(61, wrapped.length);
        assertEquals(0x01, wrapped[0]);
        try (SecretBytes unwrapped = AccountKeyWrapper.unwrap(dek, ID, wrapped)) {
            assertArrayEquals(key.unsafeBytes(), unwrapped.unsafeBytes());
        }
    }

    @Test
    void wrap_usesAFreshNonceEveryTime() {
        byte[] again = AccountKeyWrapper.wrap(dek, ID, key);
        assertFalse(Arrays.equals(Arrays.copyOfRange(wrapped, 1, 13), Arrays.copyOfRange(again, 1, 13)));
    }

    @Test
    void unwrap_fails_whenMovedToAnotherAccount() {
        assertUnwrapFails(new KeyIdentity(ID.tenantId(), UUID.randomUUID(), ID.dekVersion(), ID.curve()),
                wrapped, Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void unwrap_fails_whenMovedToAnotherTenant() {
        assertUnwrapFails(new KeyIdentity(UUID.randomUUID(), ID.accountId(), ID.dekVersion(), ID.curve()),
                wrapped, Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void unwrap_fails_whenPresentedUnderAnotherDekVersion() {
        assertUnwrapFails(new KeyIdentity(ID.tenantId(), ID.accountId(), ID.dekVersion() + 1, ID.curve()),
                wrapped, Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void unwrap_fails_whenPresentedAsAnotherCurve() {
        for (Curve other : List.of(Curve.ED25519, Curve.BLS12_381)) {
            assertUnwrapFails(new KeyIdentity(ID.tenantId(), ID.accountId(), ID.dekVersion(), other),
                    wrapped, Reason.AUTHENTICATION_FAILED);
        }
    }

    @Test
    void unwrap_fails_whenTenantAndAccountIdsAreSwapped() {
        assertUnwrapFails(new KeyIdentity(ID.accountId(), ID.tenantId(), ID.dekVersion(), ID.curve()),
                wrapped, Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void unwrap_fails_whenAnyByteIsTampered() {
        for (int i = 0; i < wrapped.length; i++) {
            byte[] tampered = wrapped.clone();
            tampered[i] ^= 0x01;
            assertUnwrapFails(ID, tampered, i == 0 ? Reason.UNSUPPORTED_VERSION : Reason.AUTHENTICATION_FAILED);
        }
    }

    @Test
    void unwrap_fails_withWrongDek() {
        try (SecretBytes otherDek = SecretBytes.random(32, RANDOM)) {
            KeyUnwrapException e = assertThrows(KeyUnwrapException.class,
                    () -> AccountKeyWrapper.unwrap(otherDek, ID, wrapped));
            assertEquals(Reason.AUTHENTICATION_FAILED, e.reason());
            assertEquals("key_unwrap_failed", e.code());
        }
    }

    @Test
    void unwrap_fails_whenTruncatedOrExtended() {
        assertUnwrapFails(ID, Arrays.copyOf(wrapped, 60), Reason.MALFORMED);
        assertUnwrapFails(ID, Arrays.copyOf(wrapped, 62), Reason.MALFORMED);
        assertUnwrapFails(ID, new byte[0], Reason.MALFORMED);
    }

    @Test
    void wrap_refusesDekThatIsNotAes256() {
        try (SecretBytes shortDek = SecretBytes.random(16, RANDOM)) {
            assertThrows(IllegalArgumentException.class, () -> AccountKeyWrapper.wrap(shortDek, ID, key));
        }
    }

    @Test
    void unwrapErrors_neverContainKeyOrDekBytes() {
        String keyHex = Hex.encode(key.unsafeBytes());
        String dekHex = Hex.encode(dek.unsafeBytes());
        byte[] tampered = wrapped.clone();
        tampered[20] ^= 1;
        KeyUnwrapException e = assertThrows(KeyUnwrapException.class, () -> AccountKeyWrapper.unwrap(dek, ID, tampered));
        assertFalse(e.getMessage().contains(keyHex));
        assertFalse(e.getMessage().contains(dekHex));
        assertFalse(e.getMessage().contains(Hex.encode(tampered)));
    }

    @Test
    void generateAndWrap_createsDistinctKeysPerAccount_thatUnwrapToTheirPublishedAddress() {
        List<UUID> accounts = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
        List<NewAccountKey> created = AccountKeyWrapper.generateAndWrap(dek, ID.tenantId(), 3, accounts, RANDOM);
        assertEquals(accounts.size(), created.size());
        Set<EthAddress> addresses = new HashSet<>();
        for (int i = 0; i < created.size(); i++) {
            NewAccountKey account = created.get(i);
            assertEquals(accounts.get(i), account.accountId());
            assertEquals(61, account.wrappedKey().length);
            assertTrue(addresses.add(account.address()), "addresses are distinct");
            KeyIdentity id = new KeyIdentity(ID.tenantId(), account.accountId(), 3, Curve.SECP256K1);
            try (SigningKey signingKey = SigningKey.unwrap(dek, id, account.wrappedKey())) {
                assertEquals(account.address(), signingKey.address());
            }
        }
        // A batch-wrapped key is bound to its own account, not to its neighbour's.
        KeyIdentity neighbour = new KeyIdentity(ID.tenantId(), accounts.get(1), 3, Curve.SECP256K1);
        assertUnwrapFails(neighbour, created.get(0).wrappedKey(), Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void generateAndWrap_refusesDuplicateAccountIds() {
        UUID id = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class,
                () -> AccountKeyWrapper.generateAndWrap(dek, ID.tenantId(), 3, List.of(id, id), RANDOM));
    }

    @Test
    void wrappedBlobs_differForTheSameKeyUnderDifferentIdentities() {
        KeyIdentity other = new KeyIdentity(ID.tenantId(), UUID.randomUUID(), 3, Curve.SECP256K1);
        assertNotEquals(Hex.encode(wrapped), Hex.encode(AccountKeyWrapper.wrap(dek, other, key)));
    }

    private void assertUnwrapFails(KeyIdentity id, byte[] blob, Reason expected) {
        KeyUnwrapException e = assertThrows(KeyUnwrapException.class, () -> AccountKeyWrapper.unwrap(dek, id, blob));
        assertEquals(expected, e.reason());
    }
}
