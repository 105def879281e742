package io.custody.awslocal.http;

/**
 * Who sent a request: the access key id from the SigV4 {@code Authorization} header and the
 * principal ARN it is configured to map to. Both may be null (no header, or an unmapped key):
 * such a caller is anonymous and matches only {@code "Principal": "*"} in policies.
 */
public record Caller(String accessKeyId, String principalArn) {

    public static final Caller ANONYMOUS = new Caller(null, null);

    public boolean isAnonymous() {
        return principalArn == null;
    }

    /** For error messages, as AWS words them ("User: arn:... is not authorized ..."). */
    public String displayName() {
        return principalArn != null ? principalArn : "anonymous";
    }
}
