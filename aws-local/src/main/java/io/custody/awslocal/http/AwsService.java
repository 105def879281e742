package io.custody.awslocal.http;

/** The emulated services, with what their wire protocol differs in. */
public enum AwsService {
    KMS("TrentService", "kms", "message", "KMSInternalException"),
    SECRETS_MANAGER("secretsmanager", "secretsmanager", "Message", "InternalServiceError");

    private final String targetPrefix;
    private final String metricPrefix;
    private final String errorMessageField;
    private final String internalErrorType;

    AwsService(String targetPrefix, String metricPrefix, String errorMessageField, String internalErrorType) {
        this.targetPrefix = targetPrefix;
        this.metricPrefix = metricPrefix;
        this.errorMessageField = errorMessageField;
        this.internalErrorType = internalErrorType;
    }

    /** The part of {@code X-Amz-Target} before the dot, e.g. {@code TrentService}. */
    public String targetPrefix() {
        return targetPrefix;
    }

    /** The prefix of metric and fault operation names, e.g. {@code kms} in {@code kms.Decrypt}. */
    public String metricPrefix() {
        return metricPrefix;
    }

    /** The service models spell the error message member {@code message} (KMS) or {@code Message} (Secrets Manager). */
    public String errorMessageField() {
        return errorMessageField;
    }

    public String internalErrorType() {
        return internalErrorType;
    }
}
