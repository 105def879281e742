package io.custody.awslocal.policy;

import java.util.List;

/**
 * A parsed key policy (IAM policy grammar). Immutable; evaluate with {@link #evaluate}.
 *
 * <p>Evaluation follows IAM: any applicable Deny statement wins; otherwise any applicable
 * Allow statement allows; otherwise the request is implicitly denied.
 */
public final class PolicyDocument {

    private final List<Statement> statements;

    PolicyDocument(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** Parses and validates policy JSON; throws with the broken rule named. */
    public static PolicyDocument parse(String json) throws MalformedPolicyException {
        return PolicyParser.parse(json);
    }

    public Decision evaluate(RequestContext request) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.appliesTo(request)) {
                if (statement.deny()) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /** The policy KMS attaches when CreateKey gets none: the account root may do {@code kms:*}. */
    public static String defaultKeyPolicy(String partitionAccountRootArn) {
        return """
                {
                  "Version" : "2012-10-17",
                  "Id" : "key-default-1",
                  "Statement" : [ {
                    "Sid" : "Enable IAM User Permissions",
                    "Effect" : "Allow",
                    "Principal" : {
                      "AWS" : "%s"
                    },
                    "Action" : "kms:*",
                    "Resource" : "*"
                  } ]
                }""".formatted(partitionAccountRootArn);
    }
}
