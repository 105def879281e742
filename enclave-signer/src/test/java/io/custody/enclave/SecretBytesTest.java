package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretBytesTest {

    @Test
    void toString_isRedacted() {
        try (SecretBytes secret = SecretBytes.copyOf(new byte[] {1, 2, 3})) {
            assertEquals("<redacted>", secret.toString());
            assertEquals("<redacted>", String.valueOf(secret));
        }
    }

    @Test
    void close_zeroesTheBytes() {
        SecretBytes secret = SecretBytes.random(32, new SecureRandom());
        byte[] live = secret.unsafeBytes();
        secret.close();
        assertArrayEquals(new byte[32], live);
        assertTrue(secret.isDestroyed());
    }

    @Test
    void unsafeBytes_afterClose_throws() {
        SecretBytes secret = SecretBytes.copyOf(new byte[] {9});
        secret.close();
        secret.close(); // idempotent
        assertThrows(IllegalStateException.class, secret::unsafeBytes);
    }

    @Test
    void copyOf_isIndependentOfTheSource() {
        byte[] source = {7, 7};
        try (SecretBytes secret = SecretBytes.copyOf(source)) {
            source[0] = 0;
            assertEquals(7, secret.unsafeBytes()[0]);
        }
    }

    @Test
    void takeOwnership_wipesTheGivenArrayOnClose() {
        byte[] owned = {5, 6, 7};
        SecretBytes.takeOwnership(owned).close();
        assertArrayEquals(new byte[3], owned);
    }

    @Test
    void signingKey_toString_showsIdentityAndAddressButNoKeyBytes() {
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            String text = key.toString();
            assertFalse(text.contains("4646"), text);
            assertTrue(text.contains("<redacted>"), text);
            assertTrue(text.contains(key.address().toChecksumString()), text);
        }
    }

    @Test
    void signingKey_close_wipesThePrivateKey_andRefusesFurtherSigning() {
        SigningKey key = TestKeys.fromHex("46".repeat(32));
        byte[] live = key.privateKey().unsafeBytes();
        key.close();
        assertArrayEquals(new byte[32], live);
        EnclaveSigner signer = new EnclaveSigner(AllowEverything.POLICY);
        assertThrows(IllegalStateException.class, () -> signer.sign(key, new Eip191Message(new byte[] {1})));
    }
}
