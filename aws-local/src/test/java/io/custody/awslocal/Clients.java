package io.custody.awslocal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Real AWS SDK v2 clients pointed at the emulator, signing with a static access key id. */
public final class Clients {

    private Clients() {
    }

    public static KmsClient kms(LocalAws aws, String accessKeyId) {
        return KmsClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKeyId))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Without retries: for fault-injection tests that count calls. */
    public static KmsClient kmsNoRetry(LocalAws aws, String accessKeyId) {
        return KmsClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKeyId))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static SecretsManagerClient secrets(LocalAws aws, String accessKeyId) {
        return SecretsManagerClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKeyId))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StaticCredentialsProvider credentials(String accessKeyId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "not-checked-by-the-emulator"));
    }
}
