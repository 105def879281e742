package io.custody.api.dev;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local stand-ins for AWS and Nitro used by the dev and test profiles. Nothing here is read
 * in production, where the emulators are off.
 */
@ConfigMapping(prefix = "custody.dev")
public interface DevSettings {
    /** A PCR0 no image has: until a local enclave measures itself, the key allows nobody. */
    String NO_ENCLAVE_PCR0 = "0".repeat(96);

    /** The directory that keeps local state between runs (emulator data, the simulated NSM root). */
    Path dir();

    /** Start the KMS and Secrets Manager emulators in this process. */
    @WithName("aws-local.enabled")
    @WithDefault("false")
    boolean awsLocalEnabled();

    @WithName("aws-local.port")
    @WithDefault("4566")
    int awsLocalPort();

    /** Where the emulators keep their state; absent: in memory (lost at exit). */
    @WithName("aws-local.data-dir")
    Optional<String> awsLocalDataDir();

    /** Where the simulated NSM root is kept, shared by the signer process and the emulator. */
    @WithName("nsm-root-dir")
    Path nsmRootDir();

    /** Launch the enclave signer as a child process with a simulated NSM. */
    @WithName("enclave.launch")
    @WithDefault("false")
    boolean launchEnclave();

    /** The signer's runnable jar; by default enclave-signer/target/enclave-signer.jar of this checkout. */
    @WithName("enclave.jar")
    Optional<Path> enclaveJar();

    /** PCR0 of the local enclave image, when known; the enclave launcher measures it otherwise. */
    @WithName("enclave.pcr0")
    Optional<String> enclavePcr0();

    /** The access key id the parent instance role signs with locally, and that role's ARN. */
    @WithName("parent.access-key-id")
    @WithDefault("AKIACUSTODYDEVPARENT")
    String parentAccessKeyId();

    @WithName("parent.role-arn")
    @WithDefault("arn:aws:iam::111122223333:role/custody-parent")
    String parentRoleArn();

    /** The key administrator used to create and update the deployment key locally. */
    @WithName("admin.access-key-id")
    @WithDefault("AKIACUSTODYDEVADMIN0")
    String adminAccessKeyId();

    @WithName("admin.arn")
    @WithDefault("arn:aws:iam::111122223333:role/custody-key-admin")
    String adminArn();
}
