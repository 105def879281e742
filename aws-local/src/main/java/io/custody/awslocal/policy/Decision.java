package io.custody.awslocal.policy;

/** The outcome of evaluating a policy. Only {@link #ALLOW} permits the request. */
public enum Decision {
    ALLOW,
    /** A matching Deny statement: wins over any Allow. */
    EXPLICIT_DENY,
    /** No matching Allow statement. */
    IMPLICIT_DENY
}
