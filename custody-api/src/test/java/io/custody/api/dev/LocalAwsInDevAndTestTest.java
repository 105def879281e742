package io.custody.api.dev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.aws.DeploymentKeyPolicy;
import io.custody.attestation.NsmClient;
import io.custody.attestation.kms.RecipientEnvelope;
import io.custody.attestation.simulated.SimulatedNsm;
import io.custody.attestation.simulated.SimulatedRoot;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RecipientInfo;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The test profile, like the dev profile, runs the local emulators in-process, creates the
 * deployment key with its policy, and points the service's AWS clients at them.
 */
@QuarkusTest
class LocalAwsInDevAndTestTest {
    private static final String ENCRYPTION_CONTEXT_KEY = "custody:tenant";

    @Inject
    LocalAwsLauncher launcher;

    @Inject
    DevSettings settings;

    @Inject
    SecretsManagerClient secrets;

    private KmsClient kmsAs(String accessKeyId) {
        return KmsClient.builder().endpointOverride(launcher.emulator().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static byte[] pcr(int fill) {
        byte[] value = new byte[48];
        Arrays.fill(value, (byte) fill);
        return value;
    }

    @Test
    void theServicesSecretsManagerClient_talksToTheEmulator() {
        String name = "custody-test/" + UUID.randomUUID();
        secrets.createSecret(r -> r.name(name).secretBinary(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
        assertArrayEquals(new byte[] {1, 2, 3}, secrets.getSecretValue(r -> r.secretId(name)).secretBinary().asByteArray());
        assertTrue(launcher.emulator().metrics().getOrDefault("secretsmanager.CreateSecret", 0L) >= 1);
    }

    @Test
    void deploymentKeyPolicy_givesKeyMaterialOnlyToTheAttestedEnclaveImage() throws Exception {
        byte[] enclavePcr0 = pcr(0x5a);
        String policy = DeploymentKeyPolicy.forEnclave(settings.parentRoleArn(), settings.adminArn(),
                HexFormat.of().formatHex(enclavePcr0), Optional.empty());
        SimulatedRoot root = SimulatedRoot.loadOrCreate(settings.nsmRootDir());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair enclaveKey = generator.generateKeyPair();
        Map<String, String> context = Map.of(ENCRYPTION_CONTEXT_KEY, UUID.randomUUID().toString());

        try (KmsClient parent = kmsAs(settings.parentAccessKeyId()); KmsClient admin = kmsAs(settings.adminAccessKeyId())) {
            String keyId = admin.createKey(r -> r.policy(policy)).keyMetadata().keyId();
            // The attested enclave image gets the data key, encrypted to its own RSA key.
            RecipientInfo attested = recipient(SimulatedNsm.builder().root(root).pcr(0, enclavePcr0).build(), enclaveKey);
            var generated = parent.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(context).recipient(attested));
            assertNull(generated.plaintext());
            assertEquals(32, RecipientEnvelope.open(generated.ciphertextForRecipient().asByteArray(),
                    enclaveKey.getPrivate()).length);

            // The parent role without an attestation document: explicitly denied.
            KmsException plain = assertThrows(KmsException.class, () -> parent.decrypt(r -> r
                    .ciphertextBlob(generated.ciphertextBlob()).encryptionContext(context)));
            assertEquals("AccessDeniedException", plain.awsErrorDetails().errorCode());

            // Another image (a changed signer build): denied.
            RecipientInfo otherImage = recipient(SimulatedNsm.builder().root(root).pcr(0, pcr(0x5b)).build(), enclaveKey);
            KmsException wrongImage = assertThrows(KmsException.class, () -> parent.decrypt(r -> r
                    .ciphertextBlob(generated.ciphertextBlob()).encryptionContext(context).recipient(otherImage)));
            assertEquals("AccessDeniedException", wrongImage.awsErrorDetails().errorCode());

            // The key administrator holds no cryptographic permission.
            KmsException adminDecrypt = assertThrows(KmsException.class, () -> admin.decrypt(r -> r
                    .ciphertextBlob(generated.ciphertextBlob()).encryptionContext(context)));
            assertEquals("AccessDeniedException", adminDecrypt.awsErrorDetails().errorCode());
        }
    }

    private static RecipientInfo recipient(SimulatedNsm nsm, KeyPair enclaveKey) throws Exception {
        byte[] document = new NsmClient(nsm).attest(null, null, enclaveKey.getPublic().getEncoded());
        return RecipientInfo.builder().keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)
                .attestationDocument(SdkBytes.fromByteArray(document)).build();
    }
}
