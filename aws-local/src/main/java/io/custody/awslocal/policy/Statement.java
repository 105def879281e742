package io.custody.awslocal.policy;

import java.util.List;

/**
 * One statement of a policy. A statement applies to a request when its principal, action,
 * resource and every condition match; {@code Not*} forms invert their element.
 */
record Statement(String sid, boolean deny, PrincipalSpec principal, boolean notPrincipal,
                 List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                 List<Condition> conditions) {

    boolean appliesTo(RequestContext request) {
        return principal.matches(request.principalArn()) != notPrincipal
                && anyMatches(actions, request.action(), true) != notAction
                && anyMatches(resources, request.resource(), false) != notResource
                && conditions.stream().allMatch(c -> c.test(request));
    }

    /** Actions compare case-insensitively (IAM rule); resource ARNs case-sensitively. */
    private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
        return patterns.stream().anyMatch(p -> Wildcard.matches(p, value, ignoreCase));
    }
}
