package io.custody.awslocal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.AttestationVerifier;
import io.custody.attestation.NsmClient;
import io.custody.attestation.simulated.SimulatedNsm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RecipientInfo;

/**
 * Recipient calls with real-format attestation documents from the simulated NSM, verified by the
 * project's attestation verifier, through the real SDK: the path the enclave signer takes.
 */
class NitroRecipientTest {
    private static final String PARENT = "AKIAPARENTROLE000001";
    private static final byte[] PCR0 = filled(0x11);
    private static final byte[] OTHER_PCR0 = filled(0x22);

    private static SimulatedNsm nsm;
    private static LocalAws aws;
    private static KmsClient kms;
    private static String keyId;

    private static byte[] filled(int value) {
        byte[] pcr = new byte[48];
        Arrays.fill(pcr, (byte) value);
        return pcr;
    }

    @BeforeAll
    static void start() throws Exception {
        nsm = SimulatedNsm.builder().pcr(0, PCR0).build();
        aws = LocalAws.builder()
                .principal(PARENT, "arn:aws:iam::111122223333:role/parent")
                .attestationCheck(NitroAttestationCheck.pinnedTo(nsm.rootCertificate()))
                .build().start();
        kms = Clients.kms(aws, PARENT);
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "EnclaveOnly", "Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::111122223333:role/parent"},
                   "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*",
                   "Condition": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": "%s"}}}]}
                """.formatted(HexFormat.of().formatHex(PCR0));
        keyId = kms.createKey(r -> r.policy(policy)).keyMetadata().keyId();
    }

    @AfterAll
    static void stop() {
        kms.close();
        aws.close();
    }

    private static RecipientInfo recipient(SimulatedNsm from, EnclaveKeyPair keys) throws Exception {
        byte[] document = new NsmClient(from).attest(null, null, keys.publicKey().getEncoded());
        return RecipientInfo.builder().keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)
                .attestationDocument(SdkBytes.fromByteArray(document)).build();
    }

    @Test
    void generateDataKey_withADocumentFromTheAllowedImage_returnsAKeyOnlyTheEnclaveCanOpen() throws Exception {
        EnclaveKeyPair enclave = new EnclaveKeyPair();
        RecipientInfo forGenerate = recipient(nsm, enclave);
        GenerateDataKeyResponse response = kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .recipient(forGenerate));
        assertNull(response.plaintext());
        byte[] dek = enclave.open(response.ciphertextForRecipient().asByteArray());
        assertEquals(32, dek.length);

        RecipientInfo forDecrypt = recipient(nsm, enclave);
        byte[] again = enclave.open(kms.decrypt(r -> r.ciphertextBlob(response.ciphertextBlob()).recipient(forDecrypt))
                .ciphertextForRecipient().asByteArray());
        assertArrayEquals(dek, again);
    }

    @Test
    void generateDataKey_isDenied_forAnotherEnclaveImage() throws Exception {
        SimulatedNsm otherImage = SimulatedNsm.builder().pcr(0, OTHER_PCR0).build();
        // An emulator that trusts this NSM's root, so the refusal comes from the policy's PCR0 condition.
        LocalAws trusting = LocalAws.builder().principal(PARENT, "arn:aws:iam::111122223333:role/parent")
                .attestationCheck(NitroAttestationCheck.pinnedTo(otherImage.rootCertificate())).build().start();
        try (KmsClient client = Clients.kms(trusting, PARENT)) {
            String policy = """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::111122223333:role/parent"}, "Action": "kms:GenerateDataKey",
                      "Resource": "*", "Condition": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": "%s"}}}]}
                    """.formatted(HexFormat.of().formatHex(PCR0));
            String key = client.createKey(r -> r.policy(policy)).keyMetadata().keyId();
            RecipientInfo info = recipient(otherImage, new EnclaveKeyPair());
            KmsException e = assertThrows(KmsException.class,
                    () -> client.generateDataKey(r -> r.keyId(key).keySpec(DataKeySpec.AES_256).recipient(info)));
            assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        } finally {
            trusting.close();
        }
    }

    @Test
    void documentsUnderAnUntrustedRoot_areRefused() throws Exception {
        SimulatedNsm stranger = SimulatedNsm.builder().pcr(0, PCR0).build();
        RecipientInfo info = recipient(stranger, new EnclaveKeyPair());
        KmsException e = assertThrows(KmsException.class,
                () -> kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256).recipient(info)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("UNTRUSTED_ROOT"), e.awsErrorDetails().errorMessage());
    }

    @Test
    void staleDocuments_areRefused() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(30)), ZoneOffset.UTC);
        SimulatedNsm earlier = SimulatedNsm.builder().pcr(0, PCR0).clock(past).build();
        NitroAttestationCheck check = new NitroAttestationCheck(AttestationVerifier.pinnedTo(earlier.rootCertificate()),
                Duration.ofMinutes(5), Clock.systemUTC());
        byte[] document = new NsmClient(earlier).attest(null, null, new EnclaveKeyPair().publicKey().getEncoded());
        AttestationException e = assertThrows(AttestationException.class, () -> check.verify(document));
        assertTrue(e.getMessage().contains("TOO_OLD"), e.getMessage());
    }
}
