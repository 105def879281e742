package io.custody.awslocal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy grammar and evaluation rules, without HTTP. */
class PolicyDocumentTest {

    private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String PARENT = "arn:aws:iam::111122223333:role/parent";

    private static Decision evaluate(String policy, String principal, String action, Map<String, List<String>> keys)
            throws MalformedPolicyException {
        return PolicyDocument.parse(policy).evaluate(new RequestContext(principal, action, KEY, keys));
    }

    private static String allow(String principal, String action, String condition) {
        return """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": %s, "Action": %s,
                 "Resource": "*"%s}}""".formatted(principal, action, condition == null ? "" : ", \"Condition\": " + condition);
    }

    @Test
    void actions_matchWildcardsCaseInsensitively() throws Exception {
        String policy = allow("{\"AWS\": \"" + PARENT + "\"}", "[\"kms:Gen*\", \"KMS:decrypt\"]", null);
        assertEquals(Decision.ALLOW, evaluate(policy, PARENT, "kms:GenerateDataKey", Map.of()));
        assertEquals(Decision.ALLOW, evaluate(policy, PARENT, "kms:GenerateRandom", Map.of()));
        assertEquals(Decision.ALLOW, evaluate(policy, PARENT, "kms:Decrypt", Map.of()));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(policy, PARENT, "kms:Encrypt", Map.of()));
        assertEquals(Decision.ALLOW, evaluate(allow("\"*\"", "\"kms:?ncrypt\"", null), null, "kms:Encrypt", Map.of()));
    }

    @Test
    void notAction_andNotResource_invertTheirElement() throws Exception {
        String policy = """
                {"Statement": [{"Effect": "Allow", "Principal": "*", "NotAction": "kms:Decrypt", "Resource": "*"},
                               {"Effect": "Deny", "Principal": "*", "Action": "kms:*", "NotResource": "%s"}]}""".formatted(KEY);
        assertEquals(Decision.ALLOW, evaluate(policy, PARENT, "kms:Encrypt", Map.of()));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(policy, PARENT, "kms:Decrypt", Map.of()));
    }

    @Test
    void explicitDeny_winsOverAnyAllow() throws Exception {
        String policy = """
                {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"},
                               {"Effect": "Deny", "Principal": {"AWS": "%s"}, "Action": "kms:Decrypt", "Resource": "*"}]}"""
                .formatted(PARENT);
        assertEquals(Decision.EXPLICIT_DENY, evaluate(policy, PARENT, "kms:Decrypt", Map.of()));
        assertEquals(Decision.ALLOW, evaluate(policy, "arn:aws:iam::111122223333:role/other", "kms:Decrypt", Map.of()));
    }

    @Test
    void accountRoot_matchesEveryPrincipalOfItsAccountOnly() throws Exception {
        for (String root : new String[] {"\"arn:aws:iam::111122223333:root\"", "\"111122223333\""}) {
            String policy = allow("{\"AWS\": " + root + "}", "\"kms:*\"", null);
            assertEquals(Decision.ALLOW, evaluate(policy, PARENT, "kms:Encrypt", Map.of()));
            assertEquals(Decision.IMPLICIT_DENY, evaluate(policy, "arn:aws:iam::444455556666:role/parent", "kms:Encrypt", Map.of()));
            assertEquals(Decision.IMPLICIT_DENY, evaluate(policy, null, "kms:Encrypt", Map.of()));
        }
    }

    @Test
    void roleArn_matchesItsAssumedRoleSessions() throws Exception {
        String policy = allow("{\"AWS\": \"arn:aws:iam::111122223333:role/path/parent\"}", "\"kms:*\"", null);
        assertEquals(Decision.ALLOW, evaluate(policy, "arn:aws:sts::111122223333:assumed-role/parent/i-0123", "kms:Encrypt", Map.of()));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(policy, "arn:aws:sts::111122223333:assumed-role/other/i-0123", "kms:Encrypt", Map.of()));
    }

    @Test
    void anonymousCaller_matchesOnlyTheWildcardPrincipal() throws Exception {
        assertEquals(Decision.ALLOW, evaluate(allow("{\"AWS\": \"*\"}", "\"kms:Encrypt\"", null), null, "kms:Encrypt", Map.of()));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(allow("{\"AWS\": \"" + PARENT + "\"}", "\"kms:Encrypt\"", null),
                null, "kms:Encrypt", Map.of()));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(allow("{\"Service\": \"ec2.amazonaws.com\"}", "\"kms:Encrypt\"", null),
                PARENT, "kms:Encrypt", Map.of()));
    }

    @Test
    void conditionValues_areOred_andConditionKeys_areAnded() throws Exception {
        String policy = allow("\"*\"", "\"kms:Decrypt\"", """
                {"StringEquals": {"kms:EncryptionContext:tenant": ["t-1", "t-2"], "kms:EncryptionContext:purpose": "dek"}}""");
        assertEquals(Decision.ALLOW, evaluate(policy, PARENT, "kms:Decrypt",
                Map.of("kms:EncryptionContext:tenant", List.of("t-2"), "kms:EncryptionContext:purpose", List.of("dek"))));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(policy, PARENT, "kms:Decrypt",
                Map.of("kms:EncryptionContext:tenant", List.of("t-2"))));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(policy, PARENT, "kms:Decrypt",
                Map.of("kms:EncryptionContext:tenant", List.of("T-2"), "kms:EncryptionContext:purpose", List.of("dek"))));
    }

    @Test
    void conditionKeyNames_areCaseInsensitive_butValuesAreNot() throws Exception {
        String policy = allow("\"*\"", "\"kms:Decrypt\"", "{\"StringEquals\": {\"KMS:RecipientAttestation:PCR0\": \"ab\"}}");
        assertEquals(Decision.ALLOW, evaluate(policy, PARENT, "kms:Decrypt", Map.of("kms:recipientattestation:pcr0", List.of("ab"))));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(policy, PARENT, "kms:Decrypt", Map.of("kms:RecipientAttestation:PCR0", List.of("AB"))));
    }

    @Test
    void ignoreCaseAndLike_operators() throws Exception {
        String ignoreCase = allow("\"*\"", "\"kms:Decrypt\"", "{\"StringEqualsIgnoreCase\": {\"kms:RecipientAttestation:ImageSha384\": \"ABCD\"}}");
        assertEquals(Decision.ALLOW, evaluate(ignoreCase, PARENT, "kms:Decrypt", Map.of("kms:RecipientAttestation:ImageSha384", List.of("abcd"))));
        String like = allow("\"*\"", "\"kms:Decrypt\"", "{\"StringLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/par?nt\"}}");
        assertEquals(Decision.ALLOW, evaluate(like, PARENT, "kms:Decrypt", Map.of("aws:PrincipalArn", List.of(PARENT))));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(like, PARENT, "kms:Decrypt", Map.of("aws:PrincipalArn", List.of(PARENT + "s"))));
    }

    @Test
    void missingKey_failsPositiveOperators_passesIfExistsAndNegatedOperators() throws Exception {
        String positive = allow("\"*\"", "\"kms:Decrypt\"", "{\"StringEquals\": {\"kms:RecipientAttestation:PCR0\": \"ab\"}}");
        String ifExists = allow("\"*\"", "\"kms:Decrypt\"", "{\"StringEqualsIfExists\": {\"kms:RecipientAttestation:PCR0\": \"ab\"}}");
        String negated = allow("\"*\"", "\"kms:Decrypt\"", "{\"StringNotEquals\": {\"kms:RecipientAttestation:PCR0\": \"ab\"}}");
        assertEquals(Decision.IMPLICIT_DENY, evaluate(positive, PARENT, "kms:Decrypt", Map.of()));
        assertEquals(Decision.ALLOW, evaluate(ifExists, PARENT, "kms:Decrypt", Map.of()));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(ifExists, PARENT, "kms:Decrypt", Map.of("kms:RecipientAttestation:PCR0", List.of("cd"))));
        assertEquals(Decision.ALLOW, evaluate(negated, PARENT, "kms:Decrypt", Map.of()));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(negated, PARENT, "kms:Decrypt", Map.of("kms:RecipientAttestation:PCR0", List.of("ab"))));
    }

    @Test
    void nullOperator_testsPresence() throws Exception {
        String denyWithoutAttestation = """
                {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"},
                  {"Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
                   "Condition": {"Null": {"kms:RecipientAttestation:ImageSha384": true}}}]}""";
        assertEquals(Decision.EXPLICIT_DENY, evaluate(denyWithoutAttestation, PARENT, "kms:Decrypt", Map.of()));
        assertEquals(Decision.ALLOW, evaluate(denyWithoutAttestation, PARENT, "kms:Decrypt",
                Map.of("kms:RecipientAttestation:ImageSha384", List.of("00"))));
        String requirePresent = allow("\"*\"", "\"kms:Decrypt\"", "{\"Null\": {\"kms:EncryptionContext:tenant\": \"false\"}}");
        assertEquals(Decision.IMPLICIT_DENY, evaluate(requirePresent, PARENT, "kms:Decrypt", Map.of()));
    }

    @Test
    void setQualifiers_forAnyValueAndForAllValues() throws Exception {
        String any = allow("\"*\"", "\"kms:Encrypt\"", "{\"ForAnyValue:StringEquals\": {\"kms:EncryptionContextKeys\": \"tenant\"}}");
        String all = allow("\"*\"", "\"kms:Encrypt\"", "{\"ForAllValues:StringEquals\": {\"kms:EncryptionContextKeys\": [\"tenant\", \"purpose\"]}}");
        Map<String, List<String>> keys = Map.of("kms:EncryptionContextKeys", List.of("tenant", "other"));
        assertEquals(Decision.ALLOW, evaluate(any, PARENT, "kms:Encrypt", keys));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(all, PARENT, "kms:Encrypt", keys));
        assertEquals(Decision.ALLOW, evaluate(all, PARENT, "kms:Encrypt", Map.of("kms:EncryptionContextKeys", List.of("purpose"))));
        assertEquals(Decision.IMPLICIT_DENY, evaluate(any, PARENT, "kms:Encrypt", Map.of()));
    }

    @Test
    void resource_matchesTheKeyArnWithWildcards() throws Exception {
        String policy = """
                {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "arn:aws:kms:us-east-1:111122223333:key/*"}}""";
        assertEquals(Decision.ALLOW, evaluate(policy, PARENT, "kms:Encrypt", Map.of()));
        String other = policy.replace("us-east-1", "eu-west-1");
        assertEquals(Decision.IMPLICIT_DENY, evaluate(other, PARENT, "kms:Encrypt", Map.of()));
    }

    @Test
    void parse_rejectsWhatItCannotEvaluateFaithfully() {
        String[] malformed = {
            "", "[]", "{not json", "{\"Statement\": []}",
            "{\"Statement\": {\"Effect\": \"Maybe\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\"}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kms:*\", \"Resource\": \"*\"}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Resource\": \"*\"}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\"}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"someone\", \"Action\": \"kms:*\", \"Resource\": \"*\"}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\", \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \"2030-01-01\"}}}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\", \"Condition\": {\"NullIfExists\": {\"k\": \"true\"}}}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\", \"Extra\": 1}}",
            "{\"Version\": \"2020-01-01\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\"}}",
        };
        for (String policy : malformed) {
            assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse(policy), policy);
        }
    }

    @Test
    void defaultKeyPolicy_allowsTheAccountRootEverything() throws Exception {
        PolicyDocument policy = PolicyDocument.parse(PolicyDocument.defaultKeyPolicy("arn:aws:iam::111122223333:root"));
        assertEquals(Decision.ALLOW, policy.evaluate(new RequestContext(PARENT, "kms:PutKeyPolicy", KEY, Map.of())));
        assertEquals(Decision.IMPLICIT_DENY, policy.evaluate(new RequestContext(null, "kms:Encrypt", KEY, Map.of())));
    }
}
