package io.custody.model.audit;

/** What happened to the request an audit event records. */
public enum AuditOutcome {
    SUCCESS,
    DENIED,
    FAILURE
}
