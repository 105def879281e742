package io.custody.awslocal.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a policy is evaluated against.
 *
 * @param principalArn  the caller's ARN, or null for an anonymous / unknown caller
 * @param action        e.g. {@code kms:Decrypt}
 * @param resource      the key ARN
 * @param conditionKeys condition key to values (a single-valued key has one value). Condition key
 *                      names are case-insensitive, as in IAM; values are not.
 */
public record RequestContext(String principalArn, String action, String resource,
                             Map<String, List<String>> conditionKeys) {

    public RequestContext {
        TreeMap<String, List<String>> normalized = new TreeMap<>();
        conditionKeys.forEach((key, values) -> normalized.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
        conditionKeys = java.util.Collections.unmodifiableMap(normalized);
    }

    /** The values of a condition key, or null when the request does not carry the key. */
    List<String> values(String conditionKey) {
        return conditionKeys.get(conditionKey.toLowerCase(Locale.ROOT));
    }
}
