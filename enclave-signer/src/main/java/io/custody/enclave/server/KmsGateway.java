package io.custody.enclave.server;

import io.custody.attestation.NsmClient;
import io.custody.attestation.NsmException;
import io.custody.attestation.kms.RecipientEnvelope.EnvelopeException;
import io.custody.enclave.SecretBytes;
import io.custody.enclave.protocol.AwsCredentials;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import io.custody.enclave.server.RecipientKeys.RecipientKey;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.RecipientInfo;

/**
 * The enclave's KMS calls that return key material: GenerateDataKey and Decrypt, always with a
 * {@code Recipient} (ARCHITECTURE.md §1 invariant 2), so KMS encrypts the DEK to the enclave's
 * recipient key and the plaintext exists only in this process.
 *
 * <p>Per call: a fresh attestation document from the NSM carrying the current recipient public
 * key; the parent's credentials from the request; the tenant's encryption context (invariant 3);
 * the response checked by {@link KmsChecks}; the envelope opened with the matching private key.
 * One {@link KmsClient} serves all calls (url-connection HTTP client; TLS ends inside the enclave).
 */
final class KmsGateway implements AutoCloseable {

    static final String CONTEXT_TENANT = "custody:tenant";
    static final String CONTEXT_PURPOSE = "custody:purpose";
    static final String CONTEXT_DEK_VERSION = "custody:dek-version";
    static final String PURPOSE_TENANT_DEK = "tenant-dek";

    private static final System.Logger LOG = System.getLogger(KmsGateway.class.getName());
    private static final int MAX_AWS_MESSAGE = 300;

    /** A DEK that KMS just generated, with what the host must store to get it back. */
    record GeneratedDek(SecretBytes dek, String keyArn, byte[] ciphertextBlob) implements AutoCloseable {
        @Override
        public void close() {
            dek.close();
        }
    }

    private final KmsClient kms;
    private final NsmClient nsm;
    private final RecipientKeys recipients;

    KmsGateway(KmsClient kms, NsmClient nsm, RecipientKeys recipients) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.nsm = Objects.requireNonNull(nsm, "nsm");
        this.recipients = Objects.requireNonNull(recipients, "recipients");
    }

    /**
     * The one KMS client: url-connection HTTP, the regional endpoint unless overridden, and no
     * credentials of its own: a request without the parent's credentials fails instead of searching
     * the environment, profile files or instance metadata.
     */
    static KmsClient client(Optional<URI> endpoint, String region) {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("no credentials: every KMS request carries the parent's");
        };
        KmsClientBuilder builder = KmsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .region(Region.of(region))
                .credentialsProvider(none)
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The encryption context of a tenant DEK (invariant 3): a DEK blob moved to another tenant or version fails. */
    static Map<String, String> encryptionContext(UUID tenantId, int dekVersion) {
        return Map.of(CONTEXT_TENANT, tenantId.toString(),
                CONTEXT_PURPOSE, PURPOSE_TENANT_DEK,
                CONTEXT_DEK_VERSION, Integer.toString(dekVersion));
    }

    /** GenerateDataKey (AES-256) under {@code keyId}, for the tenant's DEK version {@code dekVersion}. */
    GeneratedDek generateDataKey(UUID tenantId, int dekVersion, String keyId, AwsCredentials credentials)
            throws EnclaveException {
        AwsRequestOverrideConfiguration parent = asParent(credentials);
        RecipientKey key = recipients.current();
        RecipientInfo recipient = recipient(key);
        GenerateDataKeyResponse response = call("GenerateDataKey", () -> kms.generateDataKey(r -> r
                .keyId(keyId)
                .keySpec(DataKeySpec.AES_256)
                .encryptionContext(encryptionContext(tenantId, dekVersion))
                .recipient(recipient)
                .overrideConfiguration(parent)));
        String keyArn = KmsChecks.checkGeneratedKeyId(keyId, response.keyId());
        byte[] blob = KmsChecks.checkCiphertextBlob(response.ciphertextBlob());
        byte[] envelope = KmsChecks.checkEnvelope(response.plaintext(), response.ciphertextForRecipient());
        return new GeneratedDek(open(key, envelope), keyArn, blob);
    }

    /** Decrypt of a DEK blob, naming the key it must have been encrypted under (its ARN). */
    SecretBytes decrypt(UUID tenantId, DataKeyRef ref, AwsCredentials credentials) throws EnclaveException {
        KmsChecks.requireKeyArn(ref);
        AwsRequestOverrideConfiguration parent = asParent(credentials);
        RecipientKey key = recipients.current();
        RecipientInfo recipient = recipient(key);
        DecryptResponse response = call("Decrypt", () -> kms.decrypt(r -> r
                .ciphertextBlob(SdkBytes.fromByteArray(ref.ciphertextBlob()))
                .keyId(ref.kmsKeyId()) // KMS itself refuses a blob of another key (IncorrectKeyException)
                .encryptionContext(encryptionContext(tenantId, ref.version()))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT)
                .recipient(recipient)
                .overrideConfiguration(parent)));
        KmsChecks.checkDecryptedKeyId(ref.kmsKeyId(), response.keyId());
        return open(key, KmsChecks.checkEnvelope(response.plaintext(), response.ciphertextForRecipient()));
    }

    @Override
    public void close() {
        kms.close();
    }

    /** A fresh attestation document whose {@code public_key} is the recipient key's SPKI. */
    private RecipientInfo recipient(RecipientKey key) throws EnclaveException {
        byte[] document;
        try {
            document = nsm.attest(null, null, key.spki());
        } catch (NsmException e) {
            throw new EnclaveException(ErrorCode.ATTESTATION_FAILED, "the NSM refused to attest the recipient key",
                    e.code().wireName());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "NSM call failed: " + e.getClass().getName());
            throw new EnclaveException(ErrorCode.ATTESTATION_FAILED, "the NSM is unavailable", "NsmUnavailable");
        }
        return RecipientInfo.builder()
                .keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)
                .attestationDocument(SdkBytes.fromByteArray(document))
                .build();
    }

    /** Opens the envelope with the key the request was made with; check 5 on the result. */
    private SecretBytes open(RecipientKey key, byte[] envelope) throws EnclaveException {
        SecretBytes dek;
        try {
            dek = recipients.open(key, envelope);
        } catch (RecipientKeys.RetiredKeyException e) {
            throw new EnclaveException(ErrorCode.ATTESTATION_FAILED,
                    "the recipient key was retired while KMS answered; retry", "RecipientKeyRetired");
        } catch (EnvelopeException e) {
            throw new EnclaveException(ErrorCode.KMS_FAILURE,
                    "KMS's CiphertextForRecipient does not open: " + e.getMessage(), "RecipientEnvelope");
        }
        try {
            KmsChecks.checkDekLength(dek.length());
            return dek;
        } catch (EnclaveException e) {
            dek.close();
            throw e;
        }
    }

    private static AwsRequestOverrideConfiguration asParent(AwsCredentials credentials) throws EnclaveException {
        if (credentials == null || isBlank(credentials.accessKeyId()) || isBlank(credentials.secretAccessKey())) {
            throw new EnclaveException(ErrorCode.INVALID_REQUEST, "the parent's AWS credentials are required");
        }
        AwsCredentialsProvider provider = StaticCredentialsProvider.create(credentials.sessionToken() == null
                ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken()));
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(provider).build();
    }

    /**
     * Runs one KMS call. AccessDeniedException (the key policy refused: wrong PCR0, wrong role)
     * becomes KMS_ACCESS_DENIED, any other failure KMS_FAILURE; the detail is the AWS error code.
     */
    private static <T> T call(String operation, Supplier<T> call) throws EnclaveException {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : "UnknownError";
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : "";
            if (message.length() > MAX_AWS_MESSAGE) {
                message = message.substring(0, MAX_AWS_MESSAGE) + "...";
            }
            LOG.log(Level.WARNING, "KMS " + operation + " failed: " + code);
            ErrorCode error = "AccessDeniedException".equals(code) ? ErrorCode.KMS_ACCESS_DENIED : ErrorCode.KMS_FAILURE;
            throw new EnclaveException(error, "KMS " + operation + " failed: " + code
                    + (message.isEmpty() ? "" : " (" + message + ")"), code);
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "KMS " + operation + " failed: " + e.getClass().getSimpleName());
            throw new EnclaveException(ErrorCode.KMS_FAILURE, "KMS " + operation + " could not be reached or answered badly",
                    e.getClass().getSimpleName());
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
