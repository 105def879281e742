package io.custody.enclave.policy;

import static io.custody.enclave.policy.PolicyDocsTest.COUNTERPARTY;
import static io.custody.enclave.policy.PolicyDocsTest.ETH;
import static io.custody.enclave.policy.PolicyDocsTest.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.InvalidPolicyException;
import io.custody.enclave.PolicyDecision;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    private static String refusedAt(String json) {
        return assertThrows(InvalidPolicyException.class, () -> PolicyDocument.parse(json)).path();
    }

    @Test
    void malformedDocuments_areRefusedWithThePathOfTheFirstProblem() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("not json", "$"),
                Map.entry("[]", "$"),
                Map.entry("{}", "$.rules"),
                Map.entry("{\"rules\": []}", "$.rules"),
                Map.entry("{\"rules\": [], \"extra\": 1}", "$.extra"),
                Map.entry("{\"rules\": [{\"effect\": \"ALLOW\"}]}", "$.rules[0].id"),
                Map.entry("{\"rules\": [{\"id\": \"a b\", \"effect\": \"ALLOW\"}]}", "$.rules[0].id"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"allow\"}]}", "$.rules[0].effect"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\"}, {\"id\": \"a\", \"effect\": \"DENY\"}]}",
                        "$.rules[1].id"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"types\": [\"eth_sign\"]}}]}",
                        "$.rules[0].when.types[0]"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"chainIds\": [1]}}]}",
                        "$.rules[0].when.chainIds[0]"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"chainIds\": [\"0\"]}}]}",
                        "$.rules[0].when.chainIds[0]"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"to\": [\"0x1234\"]}}]}",
                        "$.rules[0].when.to[0]"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"to\": "
                        + "[\"0x3535353535353535353535353535353535353535\", \"0xAbCdEfabcdefabcdefabcdefabcdefabcdefabcd\"]}}]}",
                        "$.rules[0].when.to[1]"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"maxValue\": \"-1\"}}]}",
                        "$.rules[0].when.maxValue"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"maxValue\": \"1e18\"}}]}",
                        "$.rules[0].when.maxValue"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"methodSelectors\": [\"0xa9059c\"]}}]}",
                        "$.rules[0].when.methodSelectors[0]"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"eip712Domain\": {\"name\": [\"x\"]}}}]}",
                        "$.rules[0].when.eip712Domain.name"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"limits\": [{\"scope\": \"account\", "
                        + "\"window\": \"24h\"}]}]}", "$.rules[0].limits[0]"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"limits\": [{\"scope\": \"wallet\", "
                        + "\"window\": \"24h\", \"maxCount\": 1}]}]}", "$.rules[0].limits[0].scope"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"limits\": [{\"scope\": \"account\", "
                        + "\"window\": \"32d\", \"maxCount\": 1}]}]}", "$.rules[0].limits[0].window"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"limits\": [{\"scope\": \"account\", "
                        + "\"window\": \"1w\", \"maxCount\": 1}]}]}", "$.rules[0].limits[0].window"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"limits\": [{\"scope\": \"account\", "
                        + "\"window\": \"1h\", \"maxCount\": \"5\"}]}]}", "$.rules[0].limits[0].maxCount"),
                Map.entry("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\"}], \"rules\": []}", "$"));
        cases.forEach((json, path) -> assertEquals(path, refusedAt(json), json));
    }

    @Test
    void anUnknownMemberWithAnOddName_isReportedWithoutEchoingIt() {
        String path = refusedAt("{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"<script>\": 1}]}");
        assertEquals("$.rules[0].?", path);
    }

    @Test
    void aRuleWithoutConditions_matchesEverything_andDenyWinsOverAnEarlierAllow() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"rules": [{"id": "everything", "effect": "ALLOW"},
                           {"id": "no-mainnet", "effect": "DENY", "when": {"chainIds": ["0x1"]}}]}""");
        TenantPolicy evaluator = new TenantPolicy(policy, TenantPolicy.Usage.NONE);

        assertInstanceOf(PolicyDecision.Allow.class, evaluator.explain(transfer(10, COUNTERPARTY, ETH, new byte[0])).decision());
        TenantPolicy.Evaluation mainnet = evaluator.explain(transfer(1, COUNTERPARTY, ETH, new byte[0]));
        assertEquals(new PolicyDecision.Deny("denied by rule no-mainnet", "no-mainnet"), mainnet.decision());
        assertEquals(List.of("everything", "no-mainnet"), mainnet.matchedRuleIds());
    }

    @Test
    void aFullLimit_fallsThroughToTheNextAllowRule_andLimitsCountThisRequestsValue() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"rules": [
                  {"id": "small-daily", "effect": "ALLOW", "limits": [{"scope": "account", "window": "24h", "maxValue": "3000000000000000000"}]},
                  {"id": "approved-large", "effect": "ALLOW", "when": {"to": ["0x3535353535353535353535353535353535353535"]}}]}""");
        TenantPolicy.Usage twoEthUsed = (rule, limit) -> new TenantPolicy.Totals(ETH.multiply(BigInteger.TWO), 2);
        TenantPolicy evaluator = new TenantPolicy(policy, twoEthUsed);

        assertEquals(new PolicyDecision.Allow("small-daily"),
                evaluator.explain(transfer(1, "0x" + "11".repeat(20), ETH, new byte[0])).decision(), "2 + 1 <= 3 ETH");
        assertEquals(new PolicyDecision.Deny("the limit of rule small-daily is reached", "small-daily"),
                evaluator.explain(transfer(1, "0x" + "11".repeat(20), ETH.add(BigInteger.ONE), new byte[0])).decision());
        assertEquals(new PolicyDecision.Allow("approved-large"),
                evaluator.explain(transfer(1, COUNTERPARTY, ETH.multiply(BigInteger.TEN), new byte[0])).decision());
    }

    @Test
    void transactionConditions_neverMatchMessages() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"rules": [{"id": "cheap", "effect": "ALLOW", "when": {"maxValue": "0"}}]}""");
        PolicyDecision decision = new TenantPolicy(policy, TenantPolicy.Usage.NONE)
                .explain(new io.custody.enclave.Eip191Message(new byte[] {1})).decision();
        assertTrue(decision instanceof PolicyDecision.Deny deny && deny.ruleId() == null, decision.toString());
    }
}
