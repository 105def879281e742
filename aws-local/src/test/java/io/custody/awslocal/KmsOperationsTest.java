package io.custody.awslocal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidAliasNameException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/** The KMS operations, round trip through the real AWS SDK v2 client. */
class KmsOperationsTest {

    private static final String ACCESS_KEY = "AKIAKMSOPERATIONS";
    private static LocalAws aws;
    private static KmsClient kms;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalAws.builder().principal(ACCESS_KEY, "arn:aws:iam::111122223333:role/tester").build().start();
        kms = Clients.kms(aws, ACCESS_KEY);
    }

    @AfterAll
    static void stop() {
        kms.close();
        aws.close();
    }

    private static KeyMetadata newKey() {
        return kms.createKey(r -> r.description("test key")).keyMetadata();
    }

    private static SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    @Test
    void createKey_returnsUuidIdAndArnAndEnabledSymmetricMetadata() {
        KeyMetadata key = newKey();
        assertTrue(key.keyId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + key.keyId(), key.arn());
        assertEquals("111122223333", key.awsAccountId());
        assertEquals(KeyState.ENABLED, key.keyState());
        assertTrue(key.enabled());
        assertEquals("SYMMETRIC_DEFAULT", key.keySpecAsString());
        assertEquals("ENCRYPT_DECRYPT", key.keyUsageAsString());
        assertNotNull(key.creationDate());
        assertEquals(key, kms.describeKey(r -> r.keyId(key.arn())).keyMetadata());
    }

    @Test
    void encrypt_thenDecrypt_returnsThePlaintextAndTheKeyArn() {
        KeyMetadata key = newKey();
        Map<String, String> context = Map.of("custody:tenant", "t-1", "custody:purpose", "dek");
        EncryptResponse encrypted = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("hello")).encryptionContext(context));
        assertEquals(key.arn(), encrypted.keyId());
        assertEquals("SYMMETRIC_DEFAULT", encrypted.encryptionAlgorithmAsString());

        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context));
        assertEquals("hello", decrypted.plaintext().asUtf8String());
        assertEquals(key.arn(), decrypted.keyId());
        assertNull(decrypted.ciphertextForRecipient());
    }

    @Test
    void decrypt_failsWithInvalidCiphertext_whenEncryptionContextDiffers() {
        KeyMetadata key = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("x"))
                .encryptionContext(Map.of("ab", "c"))).ciphertextBlob();

        assertThrows(InvalidCiphertextException.class,
                () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("a", "bc"))));
        assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        assertThrows(InvalidCiphertextException.class,
                () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("ab", "C"))));
        assertThrows(InvalidCiphertextException.class,
                () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("ab", "c", "extra", "1"))));
    }

    @Test
    void decrypt_failsWithInvalidCiphertext_whenAnyByteIsTampered() {
        KeyMetadata key = newKey();
        byte[] blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("x"))).ciphertextBlob().asByteArray();
        for (int i = 0; i < blob.length; i++) {
            byte[] tampered = blob.clone();
            tampered[i] ^= 0x01;
            assertThrows(InvalidCiphertextException.class,
                    () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(tampered))), "byte " + i);
        }
        assertThrows(InvalidCiphertextException.class,
                () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromUtf8String("not a kms ciphertext blob at all, no"))));
    }

    @Test
    void decrypt_failsWithIncorrectKey_whenKeyIdNamesAnotherKey() {
        KeyMetadata key = newKey();
        KeyMetadata other = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("x"))).ciphertextBlob();

        assertThrows(IncorrectKeyException.class, () -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId(other.keyId())));
        assertEquals("x", kms.decrypt(r -> r.ciphertextBlob(blob).keyId(key.arn())).plaintext().asUtf8String());
    }

    @Test
    void operations_failWithNotFound_forUnknownKeyOrAlias() {
        String unknown = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000";
        assertThrows(NotFoundException.class, () -> kms.encrypt(r -> r.keyId(unknown).plaintext(bytes("x"))));
        assertThrows(NotFoundException.class, () -> kms.describeKey(r -> r.keyId("alias/does-not-exist")));
        assertThrows(NotFoundException.class, () -> kms.describeKey(r -> r.keyId("not-a-key-id")));
        KeyMetadata key = newKey();
        assertThrows(NotFoundException.class, () -> kms.describeKey(
                r -> r.keyId("arn:aws:kms:eu-west-1:111122223333:key/" + key.keyId())), "another region");
    }

    @Test
    void cryptoOperations_failWithDisabled_whileKeyIsDisabled_andWorkAgainAfterEnableKey() {
        KeyMetadata key = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("x"))).ciphertextBlob();
        kms.disableKey(r -> r.keyId(key.keyId()));
        assertEquals(KeyState.DISABLED, kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState());

        assertThrows(DisabledException.class, () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("x"))));
        assertThrows(DisabledException.class, () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        assertThrows(DisabledException.class, () -> kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256)));

        kms.enableKey(r -> r.keyId(key.keyId()));
        assertEquals("x", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
    }

    @Test
    void keyPendingDeletion_failsWithKmsInvalidState_andReportsItsDeletionDate() {
        KeyMetadata key = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("x"))).ciphertextBlob();
        var scheduled = kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
        assertEquals(KeyState.PENDING_DELETION, scheduled.keyState());
        assertEquals(7, scheduled.pendingWindowInDays());

        KeyMetadata described = kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
        assertEquals(KeyState.PENDING_DELETION, described.keyState());
        assertFalse(described.enabled());
        assertEquals(scheduled.deletionDate(), described.deletionDate());

        assertThrows(KmsInvalidStateException.class, () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        assertThrows(KmsInvalidStateException.class, () -> kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("x"))));
        assertThrows(KmsInvalidStateException.class, () -> kms.enableKey(r -> r.keyId(key.keyId())));
        assertThrows(KmsInvalidStateException.class, () -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId())));
    }

    @Test
    void scheduleKeyDeletion_rejectsAWindowOutside7To30Days() {
        KeyMetadata key = newKey();
        KmsException tooShort = assertThrows(KmsException.class,
                () -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(6)));
        assertEquals("ValidationException", tooShort.awsErrorDetails().errorCode());
        assertThrows(KmsException.class, () -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(31)));
    }

    @Test
    void alias_resolvesWhereverAKeyIdIsAccepted() {
        KeyMetadata key = newKey();
        kms.createAlias(r -> r.aliasName("alias/ops-test").targetKeyId(key.keyId()));
        for (String reference : new String[] {"alias/ops-test", "arn:aws:kms:us-east-1:111122223333:alias/ops-test",
                key.keyId(), key.arn()}) {
            SdkBytes blob = kms.encrypt(r -> r.keyId(reference).plaintext(bytes("via " + reference))).ciphertextBlob();
            assertEquals("via " + reference,
                    kms.decrypt(r -> r.ciphertextBlob(blob).keyId(reference)).plaintext().asUtf8String());
            assertEquals(key.keyId(), kms.describeKey(r -> r.keyId(reference)).keyMetadata().keyId());
        }
        var aliases = kms.listAliases(r -> r.keyId(key.keyId())).aliases();
        assertEquals(1, aliases.size());
        assertEquals("alias/ops-test", aliases.get(0).aliasName());
        assertEquals("arn:aws:kms:us-east-1:111122223333:alias/ops-test", aliases.get(0).aliasArn());
        assertEquals(key.keyId(), aliases.get(0).targetKeyId());
    }

    @Test
    void createAlias_refusesDuplicateAndReservedNames() {
        KeyMetadata key = newKey();
        kms.createAlias(r -> r.aliasName("alias/taken").targetKeyId(key.keyId()));
        assertThrows(AlreadyExistsException.class, () -> kms.createAlias(r -> r.aliasName("alias/taken").targetKeyId(key.keyId())));
        assertThrows(InvalidAliasNameException.class, () -> kms.createAlias(r -> r.aliasName("alias/aws/kms").targetKeyId(key.keyId())));
        assertThrows(InvalidAliasNameException.class, () -> kms.createAlias(r -> r.aliasName("no-prefix").targetKeyId(key.keyId())));
    }

    @Test
    void listKeys_pagesThroughEveryKeyWithMarker() {
        for (int i = 0; i < 5; i++) {
            newKey();
        }
        Set<String> seen = new HashSet<>();
        String marker = null;
        int pages = 0;
        do {
            String current = marker;
            ListKeysResponse page = kms.listKeys(r -> r.limit(2).marker(current));
            page.keys().forEach(k -> assertTrue(seen.add(k.keyId()), "no key twice"));
            assertEquals(page.truncated(), page.nextMarker() != null);
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertTrue(seen.size() >= 5);
        assertEquals((seen.size() + 1) / 2, pages);
        assertEquals(seen.size(), kms.listKeys(r -> r.limit(1000)).keys().size());
    }

    @Test
    void generateDataKey_returnsAPlaintextKeyAndABlobThatDecryptsToIt() {
        KeyMetadata key = newKey();
        Map<String, String> context = Map.of("custody:tenant", "t-9");
        GenerateDataKeyResponse dataKey = kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256)
                .encryptionContext(context));
        assertEquals(32, dataKey.plaintext().asByteArray().length);
        assertEquals(key.arn(), dataKey.keyId());
        assertNull(dataKey.ciphertextForRecipient());
        byte[] decrypted = kms.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(context))
                .plaintext().asByteArray();
        assertArrayEquals(dataKey.plaintext().asByteArray(), decrypted);

        assertEquals(16, kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_128)).plaintext().asByteArray().length);
        assertEquals(64, kms.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(64)).plaintext().asByteArray().length);
    }

    @Test
    void generateDataKey_requiresExactlyOneOfKeySpecAndNumberOfBytes() {
        KeyMetadata key = newKey();
        KmsException neither = assertThrows(KmsException.class, () -> kms.generateDataKey(r -> r.keyId(key.keyId())));
        assertEquals("ValidationException", neither.awsErrorDetails().errorCode());
        assertThrows(KmsException.class,
                () -> kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256).numberOfBytes(32)));
    }

    @Test
    void generateDataKeyWithoutPlaintext_returnsOnlyABlobThatDecrypts() {
        KeyMetadata key = newKey();
        var response = kms.generateDataKeyWithoutPlaintext(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256));
        assertEquals(key.arn(), response.keyId());
        assertEquals(32, kms.decrypt(r -> r.ciphertextBlob(response.ciphertextBlob())).plaintext().asByteArray().length);
    }

    @Test
    void reEncrypt_movesACiphertextToTheDestinationKeyAndContext() {
        KeyMetadata source = newKey();
        KeyMetadata destination = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(source.keyId()).plaintext(bytes("moving"))
                .encryptionContext(Map.of("v", "1"))).ciphertextBlob();
        var moved = kms.reEncrypt(r -> r.ciphertextBlob(blob).sourceEncryptionContext(Map.of("v", "1"))
                .destinationKeyId(destination.keyId()).destinationEncryptionContext(Map.of("v", "2")));
        assertEquals(source.arn(), moved.sourceKeyId());
        assertEquals(destination.arn(), moved.keyId());

        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(moved.ciphertextBlob()).encryptionContext(Map.of("v", "2")));
        assertEquals("moving", decrypted.plaintext().asUtf8String());
        assertEquals(destination.arn(), decrypted.keyId());
        assertThrows(InvalidCiphertextException.class, () -> kms.reEncrypt(r -> r.ciphertextBlob(blob)
                .destinationKeyId(destination.keyId())));
    }

    @Test
    void generateRandom_returnsTheRequestedNumberOfBytes() {
        assertEquals(1, kms.generateRandom(r -> r.numberOfBytes(1)).plaintext().asByteArray().length);
        assertEquals(1024, kms.generateRandom(r -> r.numberOfBytes(1024)).plaintext().asByteArray().length);
        assertThrows(KmsException.class, () -> kms.generateRandom(r -> r.numberOfBytes(1025)));
    }

    @Test
    void getKeyPolicy_returnsTheAwsDefaultPolicy_whenCreateKeyGotNone() {
        KeyMetadata key = newKey();
        var policy = kms.getKeyPolicy(r -> r.keyId(key.keyId()));
        assertEquals("default", policy.policyName());
        assertTrue(policy.policy().contains("\"arn:aws:iam::111122223333:root\""));
        assertTrue(policy.policy().contains("\"kms:*\""));
    }

    @Test
    void putKeyPolicy_rejectsAMalformedPolicy_andKeepsTheOldOne() {
        KeyMetadata key = newKey();
        String before = kms.getKeyPolicy(r -> r.keyId(key.keyId())).policy();
        assertThrows(MalformedPolicyDocumentException.class, () -> kms.putKeyPolicy(r -> r.keyId(key.keyId()).policy("{not json")));
        assertThrows(MalformedPolicyDocumentException.class, () -> kms.putKeyPolicy(r -> r.keyId(key.keyId())
                .policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"NumericLessThan\":{\"kms:X\":\"1\"}}}]}")));
        assertEquals(before, kms.getKeyPolicy(r -> r.keyId(key.keyId())).policy());
    }

    @Test
    void createKey_refusesKeySpecsTheEmulatorDoesNotImplement() {
        assertThrows(UnsupportedOperationException.class, () -> kms.createKey(r -> r.keySpec("RSA_2048")));
        assertThrows(UnsupportedOperationException.class, () -> kms.createKey(r -> r.keyUsage("SIGN_VERIFY")));
    }
}
