package io.custody.awslocal.secrets;

import java.time.Clock;
import java.util.Objects;

/** The configuration of the Secrets Manager emulator. */
public record SecretsSettings(String region, String account, Clock clock) {

    public SecretsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(clock, "clock");
    }

    /** {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>} */
    String secretArn(String name, String suffix) {
        return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-" + suffix;
    }

    long nowMillis() {
        return clock.millis();
    }
}
