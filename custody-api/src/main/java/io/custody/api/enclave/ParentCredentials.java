package io.custody.api.enclave;

import io.custody.api.dev.DevSettings;
import io.custody.enclave.protocol.AwsCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The parent instance's role credentials, handed to the enclave with each request that makes it
 * call KMS (ARCHITECTURE.md §4): the enclave has no network of its own and no credentials. They
 * are not secrets from the parent; they are never logged. Locally: the emulator's parent key.
 */
@ApplicationScoped
public class ParentCredentials {

    @Inject
    DevSettings dev;

    private volatile AwsCredentialsProvider provider;

    public AwsCredentials current() {
        if (dev.awsLocalEnabled()) {
            return new AwsCredentials(dev.parentAccessKeyId(), "local-emulator-does-not-check", null);
        }
        AwsCredentialsProvider chain = provider;
        if (chain == null) {
            chain = provider = DefaultCredentialsProvider.builder().build(); // instance profile on EC2; refreshes itself
        }
        var resolved = chain.resolveCredentials();
        String token = resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null;
        return new AwsCredentials(resolved.accessKeyId(), resolved.secretAccessKey(), token);
    }
}
