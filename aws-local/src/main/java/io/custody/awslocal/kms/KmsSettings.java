package io.custody.awslocal.kms;

import io.custody.awslocal.AttestationCheck;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/** The configuration of the KMS emulator. */
public record KmsSettings(String region, String account, AttestationCheck attestationCheck, Clock clock) {

    public KmsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(attestationCheck, "attestationCheck");
        Objects.requireNonNull(clock, "clock");
    }

    String keyArn(String keyId) {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
    }

    String aliasArn(String aliasName) {
        return "arn:aws:kms:" + region + ":" + account + ":" + aliasName;
    }

    String accountRootArn() {
        return "arn:aws:iam::" + account + ":root";
    }

    long nowMillis() {
        return clock.millis();
    }

    static SecureRandom random() {
        return RandomHolder.RANDOM;
    }

    private static final class RandomHolder {
        private static final SecureRandom RANDOM = new SecureRandom();
    }
}
