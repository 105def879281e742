package io.custody.enclave.protocol;

/**
 * The parent instance's short-lived role credentials, passed with each request that makes the
 * enclave call KMS. They are the parent's own credentials, not secrets from the parent, but they
 * are still never logged: {@link #toString()} shows the access key id only.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    void encode(WireWriter out) {
        out.string(accessKeyId).string(secretAccessKey).optionalString(sessionToken);
    }

    static AwsCredentials decode(WireReader in) throws WireFormatException {
        return new AwsCredentials(in.string(256, "access key id"), in.string(256, "secret access key"),
                in.optionalString(8192, "session token"));
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>, sessionToken="
                + (sessionToken == null ? "none" : "<redacted>") + "]";
    }
}
