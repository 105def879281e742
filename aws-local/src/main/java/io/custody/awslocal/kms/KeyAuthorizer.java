package io.custody.awslocal.kms;

import io.custody.awslocal.http.Caller;
import io.custody.awslocal.policy.Decision;
import io.custody.awslocal.policy.RequestContext;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a key's policy for one request. Condition keys supplied:
 * <ul>
 *   <li>{@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code kms:CallerAccount} (known callers only)</li>
 *   <li>{@code kms:EncryptionContext:<key>} per entry and {@code kms:EncryptionContextKeys} (multi-valued)</li>
 *   <li>{@code kms:RecipientAttestation:ImageSha384} (= PCR0) and {@code kms:RecipientAttestation:PCR<n>},
 *       lowercase hex, only from a <em>verified</em> attestation document</li>
 *   <li>{@code kms:EncryptionAlgorithm} for cryptographic operations, {@code kms:KeySpec}, {@code kms:KeyUsage},
 *       {@code kms:KeyOrigin}</li>
 * </ul>
 */
final class KeyAuthorizer {

    /** What a request adds to the policy context beyond caller and key. */
    record Extras(Map<String, String> encryptionContext, Recipient recipient, boolean cryptographic) {
        static final Extras NONE = new Extras(Map.of(), null, false);
    }

    void authorize(KmsKey key, String action, Caller caller, Extras extras) {
        Decision decision = key.policy().evaluate(
                new RequestContext(caller.principalArn(), action, key.arn(), conditionKeys(key, caller, extras)));
        switch (decision) {
            case ALLOW -> {
            }
            case EXPLICIT_DENY -> throw denied(caller, action, key, "with an explicit deny in a resource-based policy");
            case IMPLICIT_DENY -> throw denied(caller, action, key,
                    "because no resource-based policy allows the " + action + " action");
        }
    }

    private static Map<String, List<String>> conditionKeys(KmsKey key, Caller caller, Extras extras) {
        Map<String, List<String>> values = new TreeMap<>();
        if (!caller.isAnonymous()) {
            values.put("aws:PrincipalArn", List.of(caller.principalArn()));
            String[] arn = caller.principalArn().split(":", 6);
            if (arn.length == 6 && !arn[4].isEmpty()) {
                values.put("aws:PrincipalAccount", List.of(arn[4]));
                values.put("kms:CallerAccount", List.of(arn[4]));
            }
        }
        values.put("kms:KeySpec", List.of("SYMMETRIC_DEFAULT"));
        values.put("kms:KeyUsage", List.of("ENCRYPT_DECRYPT"));
        values.put("kms:KeyOrigin", List.of("AWS_KMS"));
        if (extras.cryptographic()) {
            values.put("kms:EncryptionAlgorithm", List.of("SYMMETRIC_DEFAULT"));
        }
        extras.encryptionContext().forEach((k, v) -> values.put("kms:EncryptionContext:" + k, List.of(v)));
        if (!extras.encryptionContext().isEmpty()) {
            values.put("kms:EncryptionContextKeys", List.copyOf(extras.encryptionContext().keySet()));
        }
        if (extras.recipient() != null) {
            HexFormat hex = HexFormat.of();
            extras.recipient().attestation().pcrs().forEach((index, pcr) -> {
                values.put("kms:RecipientAttestation:PCR" + index, List.of(hex.formatHex(pcr)));
                if (index == 0) {
                    values.put("kms:RecipientAttestation:ImageSha384", List.of(hex.formatHex(pcr)));
                }
            });
        }
        return values;
    }

    private static KmsException denied(Caller caller, String action, KmsKey key, String reason) {
        return new KmsException(KmsError.ACCESS_DENIED, "User: " + caller.displayName()
                + " is not authorized to perform: " + action + " on resource: " + key.arn() + " " + reason);
    }
}
