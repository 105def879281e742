package io.custody.enclave.server;

import io.custody.attestation.simulated.SimulatedNsm;
import io.custody.attestation.simulated.SimulatedRoot;
import io.custody.awslocal.LocalAws;
import io.custody.awslocal.NitroAttestationCheck;
import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.protocol.AwsCredentials;
import io.custody.enclave.protocol.Frame;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The local world of an end-to-end test: a simulated NSM root, the KMS emulator pinned to it (as
 * the real KMS is pinned to the AWS Nitro root), a deployment key whose policy has the shape of
 * custody-api's {@code DeploymentKeyPolicy}, and signers started in-process.
 */
final class SignerFixture implements AutoCloseable {

    static final String PARENT_ACCESS_KEY = "AKIAPARENT0000000001";
    static final String PARENT_ROLE = "arn:aws:iam::111122223333:role/custody-parent";
    static final String ADMIN_ACCESS_KEY = "AKIAADMIN00000000001";
    static final String ADMIN_ROLE = "arn:aws:iam::111122223333:role/custody-admin";

    final SimulatedRoot root;
    final LocalAws aws;
    final KmsClient admin;

    private SignerFixture(SimulatedRoot root, LocalAws aws) {
        this.root = root;
        this.aws = aws;
        this.admin = KmsClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ADMIN_ACCESS_KEY, "not-checked-by-the-emulator")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static SignerFixture start() throws IOException {
        return start(SimulatedRoot.generate());
    }

    static SignerFixture start(SimulatedRoot root) throws IOException {
        LocalAws aws = LocalAws.builder()
                .principal(PARENT_ACCESS_KEY, PARENT_ROLE)
                .principal(ADMIN_ACCESS_KEY, ADMIN_ROLE)
                .attestationCheck(NitroAttestationCheck.pinnedTo(root.certificate()))
                .build()
                .start();
        return new SignerFixture(root, aws);
    }

    /** A fresh random 48-byte "image measurement". */
    static byte[] randomPcr0() {
        byte[] pcr0 = new byte[48];
        new SecureRandom().nextBytes(pcr0);
        return pcr0;
    }

    /**
     * The deployment key policy, same shape as custody-api's DeploymentKeyPolicy.forEnclave: the
     * parent role may Decrypt / GenerateDataKey only with an attestation document of image
     * {@code pcr0}; key material without attestation is denied to everyone; the admin administers.
     */
    static String deploymentKeyPolicy(String pcr0Hex) {
        return """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "EnclaveGenerateAndDecrypt", "Effect": "Allow",
                   "Principal": {"AWS": "%s"},
                   "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*",
                   "Condition": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": "%s"}}},
                  {"Sid": "DenyKeyMaterialWithoutAttestation", "Effect": "Deny", "Principal": "*",
                   "Action": ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateRandom"], "Resource": "*",
                   "Condition": {"Null": {"kms:RecipientAttestation:ImageSha384": "true"}}},
                  {"Sid": "KeyAdministration", "Effect": "Allow", "Principal": {"AWS": "%s"},
                   "Action": ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:EnableKey",
                              "kms:DisableKey", "kms:ScheduleKeyDeletion", "kms:CreateAlias", "kms:ListAliases",
                              "kms:TagResource", "kms:UntagResource"],
                   "Resource": "*"}]}
                """.formatted(PARENT_ROLE, pcr0Hex.toLowerCase(), ADMIN_ROLE);
    }

    /** Creates a deployment key that admits image {@code pcr0}; returns its ARN. */
    String deploymentKey(byte[] pcr0) {
        return admin.createKey(r -> r.policy(deploymentKeyPolicy(HexFormat.of().formatHex(pcr0)))
                .description("test deployment key")).keyMetadata().arn();
    }

    /** The parent's role credentials, as custody-api passes them (with a session token). */
    static AwsCredentials parentCredentials() {
        return new AwsCredentials(PARENT_ACCESS_KEY, "parent-secret-access-key", "parent-session-token");
    }

    static ServerOptions options(Optional<java.net.URI> kms, Duration ttl, long maxUses, int workers) {
        return new ServerOptions("127.0.0.1", 0, ServerOptions.NsmMode.SIMULATED, Optional.empty(), Map.of(), kms,
                "us-east-1", ttl, maxUses, ServerOptions.DEFAULT_ROTATION, workers, Frame.DEFAULT_MAX_SIZE);
    }

    /** A signer running image {@code pcr0} under this fixture's root, with default cache bounds. */
    SignerServer signer(byte[] pcr0) throws IOException {
        return signer(pcr0, ServerOptions.DEFAULT_DEK_CACHE_TTL, ServerOptions.DEFAULT_DEK_CACHE_MAX_USES,
                System::nanoTime);
    }

    SignerServer signer(byte[] pcr0, Duration ttl, long maxUses, LongSupplier nanoTime) throws IOException {
        SimulatedNsm nsm = SimulatedNsm.builder().root(root).pcr(0, pcr0).build();
        return SignerServer.start(options(Optional.of(aws.endpoint()), ttl, maxUses, 2), nsm, nanoTime);
    }

    static EnclaveClient client(SignerServer server) {
        return new EnclaveClient(new InetSocketAddress("127.0.0.1", server.port()), 2, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Frame.DEFAULT_MAX_SIZE);
    }

    long kmsCalls(String operation) {
        return aws.metrics().getOrDefault("kms." + operation, 0L);
    }

    @Override
    public void close() {
        admin.close();
        aws.close();
    }
}
