package io.custody.awslocal.policy;

import java.util.List;

/**
 * The {@code Principal} of a statement.
 *
 * <p>Emulator rules (IAM itself is not emulated):
 * <ul>
 *   <li>{@code "*"} or {@code {"AWS": "*"}} matches every caller, anonymous ones included.</li>
 *   <li>The account root ({@code arn:aws:iam::A:root} or just {@code A}) matches every known
 *       principal of account A. In AWS it delegates to the IAM policies of account A; the emulator
 *       has no IAM policies, so it treats them as allowing everything.</li>
 *   <li>A role ARN {@code arn:aws:iam::A:role/[path/]Name} also matches the sessions of that role,
 *       {@code arn:aws:sts::A:assumed-role/Name/<session>}.</li>
 *   <li>Any other ARN matches only the identical caller ARN. {@code Service}, {@code Federated} and
 *       {@code CanonicalUser} principals never match: no such caller exists here.</li>
 *   <li>An anonymous caller (no or unmapped access key) matches only {@code "*"}.</li>
 * </ul>
 */
record PrincipalSpec(boolean anyone, List<String> awsPrincipals) {

    boolean matches(String callerArn) {
        if (anyone) {
            return true;
        }
        if (callerArn == null) {
            return false;
        }
        return awsPrincipals.stream().anyMatch(p -> matchesOne(p, callerArn));
    }

    private static boolean matchesOne(String principal, String callerArn) {
        if (principal.equals(callerArn)) {
            return true;
        }
        String rootAccount = rootAccount(principal);
        if (rootAccount != null) {
            return rootAccount.equals(accountOf(callerArn));
        }
        return principal.contains(":role/") && callerArn.contains(":assumed-role/")
                && rolePart(principal).equals(assumedRolePart(callerArn))
                && accountOf(principal).equals(accountOf(callerArn));
    }

    /** The account of {@code arn:aws:iam::A:root} or of a bare 12-digit account id, else null. */
    static String rootAccount(String principal) {
        if (principal.matches("\\d{12}")) {
            return principal;
        }
        String[] parts = principal.split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn") && parts[2].equals("iam") && parts[5].equals("root")) {
            return parts[4];
        }
        return null;
    }

    static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : "";
    }

    private static String rolePart(String roleArn) {
        String resource = roleArn.split(":", 6)[5];
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static String assumedRolePart(String sessionArn) {
        String[] resource = sessionArn.split(":", 6)[5].split("/");
        return resource.length >= 2 ? resource[1] : "";
    }
}
