package io.custody.awslocal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GenerateRandomResponse;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RecipientInfo;

/**
 * Every outcome of key policy evaluation, through the real SDK: allow, explicit deny, no matching
 * statement, attestation conditions (PCR0/ImageSha384, PCR8), missing Recipient, forged documents,
 * and the CiphertextForRecipient flows an enclave relies on.
 */
class KeyPolicyTest {

    private static final String ACCOUNT = "111122223333";
    private static final String ADMIN = "AKIAADMIN";
    private static final String PARENT = "AKIAPARENT";
    private static final String BLOCKED = "AKIABLOCKED";
    private static final String OUTSIDER = "AKIAOUTSIDER";
    private static final String UNMAPPED = "AKIAUNMAPPED";

    private static final byte[] PCR0 = TestAttestation.pcr(0xA0);
    private static final byte[] PCR8 = TestAttestation.pcr(0x08);
    private static final byte[] OTHER_PCR0 = TestAttestation.pcr(0xBB);

    private static TestAttestation attestation;
    private static EnclaveKeyPair enclave;
    private static LocalAws aws;
    private static KmsClient admin;
    private static KmsClient parent;

    @BeforeAll
    static void start() throws Exception {
        attestation = new TestAttestation();
        enclave = new EnclaveKeyPair();
        aws = LocalAws.builder()
                .principal(ADMIN, "arn:aws:iam::" + ACCOUNT + ":role/admin")
                .principal(PARENT, "arn:aws:iam::" + ACCOUNT + ":role/parent")
                .principal(BLOCKED, "arn:aws:iam::" + ACCOUNT + ":role/blocked")
                .principal(OUTSIDER, "arn:aws:iam::444455556666:role/outsider")
                .attestationCheck(attestation)
                .build().start();
        admin = Clients.kms(aws, ADMIN);
        parent = Clients.kms(aws, PARENT);
    }

    @AfterAll
    static void stop() {
        admin.close();
        parent.close();
        aws.close();
    }

    /** The deployment policy of ARCHITECTURE.md §2: attested Decrypt/GenerateDataKey only, deny without attestation. */
    private static String enclavePolicy() {
        return """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "admin", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%1$s:role/admin"},
                   "Action": "kms:*", "Resource": "*"},
                  {"Sid": "host may encrypt", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::%1$s:role/parent"]},
                   "Action": ["kms:Encrypt", "kms:DescribeKey"], "Resource": "*"},
                  {"Sid": "enclave only", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%1$s:role/parent"},
                   "Action": ["kms:Decrypt", "kms:Gen*"], "Resource": "*",
                   "Condition": {
                     "StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": "%2$s"},
                     "StringEquals": {"kms:RecipientAttestation:PCR8": ["%3$s", "%4$s"]}}},
                  {"Sid": "no plaintext without attestation", "Effect": "Deny", "Principal": "*",
                   "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*",
                   "Condition": {"Null": {"kms:RecipientAttestation:ImageSha384": "true"}}}
                ]}""".formatted(ACCOUNT, HexFormat.of().formatHex(PCR0).toUpperCase(), "00".repeat(48),
                HexFormat.of().formatHex(PCR8));
    }

    private static String createKey(String policy) {
        return admin.createKey(r -> r.policy(policy)).keyMetadata().keyId();
    }

    private static RecipientInfo recipient(byte[] document) {
        return RecipientInfo.builder().keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)
                .attestationDocument(SdkBytes.fromByteArray(document)).build();
    }

    private static RecipientInfo recipientWith(byte[] pcr0, byte[] pcr8) {
        return recipient(attestation.document(enclave.publicKey(), Map.of(0, pcr0, 1, TestAttestation.pcr(1), 8, pcr8)));
    }

    private static KmsException assertAccessDenied(Runnable call) {
        KmsException denied = assertThrows(KmsException.class, call::run);
        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
        assertEquals(400, denied.statusCode());
        return denied;
    }

    private static SdkBytes encryptAsParent(String keyId, String text) {
        return parent.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String(text))).ciphertextBlob();
    }

    @Test
    void encrypt_isAllowed_whenAStatementMatchesPrincipalAndAction() {
        String keyId = createKey(enclavePolicy());
        assertNotNull(encryptAsParent(keyId, "ok"));
    }

    @Test
    void decrypt_withRecipient_isAllowed_whenPcr0AndPcr8Match_andReturnsOnlyCiphertextForRecipient() throws Exception {
        String keyId = createKey(enclavePolicy());
        SdkBytes blob = encryptAsParent(keyId, "tenant dek");

        DecryptResponse response = parent.decrypt(r -> r.ciphertextBlob(blob).recipient(recipientWith(PCR0, PCR8)));

        assertNull(response.plaintext(), "Plaintext must be absent with a Recipient");
        assertEquals("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + keyId, response.keyId());
        assertEquals("tenant dek", new String(enclave.open(response.ciphertextForRecipient().asByteArray())));
    }

    @Test
    void generateDataKey_withRecipient_returnsCiphertextForRecipientThatOpensToTheDataKey() throws Exception {
        String keyId = createKey(enclavePolicy());
        Map<String, String> context = Map.of("custody:tenant", "t-1", "custody:purpose", "dek");
        GenerateDataKeyResponse response = parent.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(context).recipient(recipientWith(PCR0, PCR8)));

        assertNull(response.plaintext(), "Plaintext must be absent with a Recipient");
        byte[] dataKey = enclave.open(response.ciphertextForRecipient().asByteArray());
        assertEquals(32, dataKey.length);

        DecryptResponse again = parent.decrypt(r -> r.ciphertextBlob(response.ciphertextBlob())
                .encryptionContext(context).recipient(recipientWith(PCR0, PCR8)));
        assertArrayEquals(dataKey, enclave.open(again.ciphertextForRecipient().asByteArray()));
    }

    @Test
    void generateRandom_withRecipient_returnsOnlyCiphertextForRecipient() throws Exception {
        GenerateRandomResponse response = parent.generateRandom(r -> r.numberOfBytes(48)
                .recipient(recipientWith(PCR0, PCR8)));
        assertNull(response.plaintext(), "Plaintext must be absent with a Recipient");
        assertEquals(48, enclave.open(response.ciphertextForRecipient().asByteArray()).length);
    }

    @Test
    void decrypt_isDenied_whenPcr0DoesNotMatchPolicy() {
        String keyId = createKey(enclavePolicy());
        SdkBytes blob = encryptAsParent(keyId, "secret");
        KmsException denied = assertAccessDenied(() -> parent.decrypt(r -> r.ciphertextBlob(blob)
                .recipient(recipientWith(OTHER_PCR0, PCR8))));
        assertTrue(denied.awsErrorDetails().errorMessage().contains("no resource-based policy allows the kms:Decrypt"));
    }

    @Test
    void decrypt_isDenied_whenPcr8DoesNotMatchAnyOfTheAllowedValues() {
        String keyId = createKey(enclavePolicy());
        SdkBytes blob = encryptAsParent(keyId, "secret");
        assertAccessDenied(() -> parent.decrypt(r -> r.ciphertextBlob(blob)
                .recipient(recipientWith(PCR0, TestAttestation.pcr(0x77)))));
    }

    @Test
    void decrypt_isExplicitlyDenied_whenRecipientIsMissing_byTheNullConditionDeny() {
        String keyId = createKey(enclavePolicy());
        SdkBytes blob = encryptAsParent(keyId, "secret");
        KmsException denied = assertAccessDenied(() -> parent.decrypt(r -> r.ciphertextBlob(blob)));
        assertTrue(denied.awsErrorDetails().errorMessage().contains("with an explicit deny"));
        // The explicit deny also beats the admin's kms:* allow.
        assertAccessDenied(() -> admin.decrypt(r -> r.ciphertextBlob(blob)));
    }

    @Test
    void decrypt_isDenied_whenRecipientIsMissing_andTheAllowRequiresImageSha384WithoutIfExists() {
        String keyId = createKey("""
                {"Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:role/admin"}, "Action": "kms:*", "Resource": "*"},
                  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%1$s:role/parent"}, "Action": ["kms:Encrypt", "kms:Decrypt"],
                   "Resource": "*", "Condition": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": "%s"}}}
                ]}""".formatted(ACCOUNT, HexFormat.of().formatHex(PCR0)));
        SdkBytes blob = admin.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();

        KmsException denied = assertAccessDenied(() -> parent.decrypt(r -> r.ciphertextBlob(blob)));
        assertTrue(denied.awsErrorDetails().errorMessage().contains("no resource-based policy allows"));
        assertNotNull(parent.decrypt(r -> r.ciphertextBlob(blob).recipient(recipientWith(PCR0, PCR8)))
                .ciphertextForRecipient());
    }

    @Test
    void decrypt_isAllowedWithoutRecipient_whenTheConditionUsesIfExists() {
        String keyId = createKey("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:role/parent"},
                  "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*",
                  "Condition": {"StringEqualsIgnoreCaseIfExists": {"kms:RecipientAttestation:ImageSha384": "%s"}}}]}"""
                .formatted(ACCOUNT, HexFormat.of().formatHex(PCR0)));
        SdkBytes blob = encryptAsParent(keyId, "x");
        assertEquals("x", parent.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
        assertAccessDenied(() -> parent.decrypt(r -> r.ciphertextBlob(blob).recipient(recipientWith(OTHER_PCR0, PCR8))));
    }

    @Test
    void decrypt_isRejected_whenTheAttestationDocumentIsForged() {
        String keyId = createKey(enclavePolicy());
        SdkBytes blob = encryptAsParent(keyId, "secret");
        byte[] forged = TestAttestation.forgedDocument(enclave.publicKey(), Map.of(0, PCR0, 8, PCR8));

        KmsException rejected = assertThrows(KmsException.class,
                () -> parent.decrypt(r -> r.ciphertextBlob(blob).recipient(recipient(forged))));
        assertEquals("ValidationException", rejected.awsErrorDetails().errorCode());
        assertTrue(rejected.awsErrorDetails().errorMessage().contains("attestation document"));

        byte[] tampered = attestation.document(enclave.publicKey(), Map.of(0, PCR0, 8, PCR8));
        tampered[30] ^= 1;
        assertThrows(KmsException.class, () -> parent.generateRandom(r -> r.numberOfBytes(8).recipient(recipient(tampered))));
    }

    @Test
    void recipient_isRejected_whenTheDocumentHasNoPublicKey() {
        String keyId = createKey(enclavePolicy());
        SdkBytes blob = encryptAsParent(keyId, "secret");
        byte[] noKey = attestation.document(null, Map.of(0, PCR0, 8, PCR8));
        KmsException rejected = assertThrows(KmsException.class,
                () -> parent.decrypt(r -> r.ciphertextBlob(blob).recipient(recipient(noKey))));
        assertEquals("ValidationException", rejected.awsErrorDetails().errorCode());
    }

    @Test
    void recipient_isRejected_withoutKeyEncryptionAlgorithm_orWithAnRsaKeyUnder2048Bits() throws Exception {
        byte[] document = attestation.document(enclave.publicKey(), Map.of(0, PCR0, 8, PCR8));
        RecipientInfo noAlgorithm = RecipientInfo.builder().attestationDocument(SdkBytes.fromByteArray(document)).build();
        KmsException missing = assertThrows(KmsException.class,
                () -> parent.generateRandom(r -> r.numberOfBytes(8).recipient(noAlgorithm)));
        assertEquals("ValidationException", missing.awsErrorDetails().errorCode());

        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        byte[] weak = attestation.document(generator.generateKeyPair().getPublic(), Map.of(0, PCR0, 8, PCR8));
        KmsException weakKey = assertThrows(KmsException.class,
                () -> parent.generateRandom(r -> r.numberOfBytes(8).recipient(recipient(weak))));
        assertEquals("ValidationException", weakKey.awsErrorDetails().errorCode());
    }

    @Test
    void recipient_isRejected_byDefault_whenNoAttestationCheckIsConfigured() throws Exception {
        try (LocalAws plain = LocalAws.builder().build().start(); KmsClient client = Clients.kms(plain, UNMAPPED)) {
            KmsException rejected = assertThrows(KmsException.class, () -> client.generateRandom(r -> r.numberOfBytes(8)
                    .recipient(recipientWith(PCR0, PCR8))));
            assertEquals("ValidationException", rejected.awsErrorDetails().errorCode());
        }
    }

    @Test
    void request_isDenied_whenNoStatementMatchesThePrincipal() {
        String keyId = createKey(enclavePolicy());
        try (KmsClient outsider = Clients.kms(aws, OUTSIDER)) {
            KmsException denied = assertAccessDenied(() -> outsider.encrypt(r -> r.keyId(keyId)
                    .plaintext(SdkBytes.fromUtf8String("x"))));
            assertTrue(denied.awsErrorDetails().errorMessage().startsWith(
                    "User: arn:aws:iam::444455556666:role/outsider is not authorized to perform: kms:Encrypt"));
        }
    }

    @Test
    void request_isDenied_whenNoStatementMatchesTheAction() {
        String keyId = createKey(enclavePolicy());
        assertAccessDenied(() -> parent.disableKey(r -> r.keyId(keyId)));
        assertAccessDenied(() -> parent.getKeyPolicy(r -> r.keyId(keyId)));
    }

    @Test
    void explicitDeny_wins_overAnAccountRootAllow() {
        String keyId = createKey("""
                {"Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%1$s:root"}, "Action": "kms:*", "Resource": "*"},
                  {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::%1$s:role/blocked"}, "Action": "kms:Encrypt", "Resource": "*"}
                ]}""".formatted(ACCOUNT));
        assertNotNull(encryptAsParent(keyId, "account root allows every principal of the account"));
        try (KmsClient blocked = Clients.kms(aws, BLOCKED)) {
            KmsException denied = assertAccessDenied(() -> blocked.encrypt(r -> r.keyId(keyId)
                    .plaintext(SdkBytes.fromUtf8String("x"))));
            assertTrue(denied.awsErrorDetails().errorMessage().contains("explicit deny"));
            assertNotNull(blocked.describeKey(r -> r.keyId(keyId)).keyMetadata());
        }
    }

    @Test
    void accountRoot_doesNotAllowPrincipalsOfAnotherAccount_norAnonymousCallers() {
        String keyId = admin.createKey(r -> r.description("default policy")).keyMetadata().keyId();
        try (KmsClient outsider = Clients.kms(aws, OUTSIDER); KmsClient anonymous = Clients.kms(aws, UNMAPPED)) {
            assertAccessDenied(() -> outsider.describeKey(r -> r.keyId(keyId)));
            assertAccessDenied(() -> anonymous.describeKey(r -> r.keyId(keyId)));
        }
        assertNotNull(parent.describeKey(r -> r.keyId(keyId)).keyMetadata());
    }

    @Test
    void anonymousCaller_isAllowed_onlyByAWildcardPrincipal() {
        String keyId = createKey("""
                {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Encrypt", "Resource": "*"}]}""");
        try (KmsClient anonymous = Clients.kms(aws, UNMAPPED)) {
            assertNotNull(anonymous.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob());
            assertAccessDenied(() -> anonymous.describeKey(r -> r.keyId(keyId)));
        }
    }

    @Test
    void encryptionContextCondition_allowsOnlyTheNamedTenant() {
        String keyId = createKey("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:role/parent"},
                  "Action": "kms:Encrypt", "Resource": "*",
                  "Condition": {"StringEquals": {"kms:EncryptionContext:custody:tenant": ["t-1", "t-2"]},
                                "StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/par*"}}}]}""".formatted(ACCOUNT));
        assertNotNull(parent.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))
                .encryptionContext(Map.of("custody:tenant", "t-2"))));
        assertAccessDenied(() -> parent.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))
                .encryptionContext(Map.of("custody:tenant", "t-3"))));
        assertAccessDenied(() -> parent.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))));
    }

    @Test
    void putKeyPolicy_changesWhatTheKeyAllows() {
        String keyId = createKey(enclavePolicy());
        assertAccessDenied(() -> parent.disableKey(r -> r.keyId(keyId)));
        admin.putKeyPolicy(r -> r.keyId(keyId).policy("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:role/parent"},
                  "Action": ["kms:DisableKey", "kms:EnableKey"], "Resource": "arn:aws:kms:us-east-1:*:key/*"}]}"""
                .formatted(ACCOUNT)));
        parent.disableKey(r -> r.keyId(keyId));
        parent.enableKey(r -> r.keyId(keyId));
        assertAccessDenied(() -> admin.describeKey(r -> r.keyId(keyId)));
    }
}
