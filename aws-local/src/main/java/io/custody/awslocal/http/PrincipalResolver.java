package io.custody.awslocal.http;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the access key id of a SigV4 {@code Authorization} header to a configured principal ARN.
 * The signature itself is NOT verified: the emulator trusts whoever claims an access key id.
 */
public final class PrincipalResolver {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private final Map<String, String> principalsByAccessKey;

    public PrincipalResolver(Map<String, String> principalsByAccessKey) {
        this.principalsByAccessKey = Map.copyOf(principalsByAccessKey);
    }

    public Caller resolve(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Caller.ANONYMOUS;
        }
        Matcher matcher = CREDENTIAL.matcher(authorizationHeader);
        if (!matcher.find()) {
            return Caller.ANONYMOUS;
        }
        String accessKeyId = matcher.group(1);
        return new Caller(accessKeyId, principalsByAccessKey.get(accessKeyId));
    }
}
