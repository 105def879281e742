package io.custody.enclave.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.Eip1559Transaction;
import io.custody.enclave.Eip191Message;
import io.custody.enclave.Eip712Field;
import io.custody.enclave.Eip712TypedData;
import io.custody.enclave.EthAddress;
import io.custody.enclave.InvalidPolicyException;
import io.custody.enclave.PolicyDecision;
import io.custody.enclave.SigningPayload;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples of docs/policies.md parse, and decide what the page says they decide. */
class PolicyDocsTest {
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final String COUNTERPARTY = "0x3535353535353535353535353535353535353535";
    static final String BLOCKED = "0x000000000000000000000000000000000000dEaD";
    private static final Pattern BLOCK = Pattern.compile("<!-- (example|invalid): (\\S+) -->\\s*```json\\n(.*?)```",
            Pattern.DOTALL);

    /** The page's examples and refusals, by name (example) or expected path (invalid). */
    static Map<String, String> blocks(String kind) throws IOException {
        String page = Files.readString(Path.of("../docs/policies.md"));
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(page);
        while (m.find()) {
            if (m.group(1).equals(kind)) {
                blocks.put(m.group(2), m.group(3));
            }
        }
        return blocks;
    }

    static Eip1559Transaction transfer(long chainId, String to, BigInteger value, byte[] data) {
        return new Eip1559Transaction(BigInteger.valueOf(chainId), BigInteger.ZERO, BigInteger.ONE,
                BigInteger.valueOf(30_000_000_000L), BigInteger.valueOf(60_000), Optional.of(EthAddress.parse(to)),
                value, data, List.of());
    }

    static Eip712TypedData typedData(String name, long chainId, String verifyingContract) {
        return new Eip712TypedData(Map.of(
                "EIP712Domain", List.of(new Eip712Field("name", "string"), new Eip712Field("chainId", "uint256"),
                        new Eip712Field("verifyingContract", "address")),
                "Note", List.of(new Eip712Field("text", "string"))), "Note",
                Map.of("name", name, "chainId", BigInteger.valueOf(chainId), "verifyingContract", verifyingContract),
                Map.of("text", "hello"));
    }

    private static void assertDecision(PolicyDecision decision, boolean allowed, String ruleId) {
        assertEquals(allowed, decision instanceof PolicyDecision.Allow, decision.toString());
        assertEquals(ruleId, switch (decision) {
            case PolicyDecision.Allow allow -> allow.ruleId();
            case PolicyDecision.Deny deny -> deny.ruleId();
        });
    }

    private static PolicyDecision decide(PolicyDocument policy, TenantPolicy.Usage usage, SigningPayload payload) {
        return new TenantPolicy(policy, usage).explain(payload).decision();
    }

    @Test
    void treasuryExample_decidesAsDocumented() throws IOException {
        PolicyDocument policy = PolicyDocument.parse(blocks("example").get("treasury"));
        TenantPolicy.Usage none = TenantPolicy.Usage.NONE;

        assertDecision(decide(policy, none, transfer(1, COUNTERPARTY, ETH, new byte[0])), true, "counterparty-transfers");
        assertDecision(decide(policy, none, transfer(1, BLOCKED, ETH, new byte[0])), false, "blocked-address");
        assertDecision(decide(policy, none, transfer(5, COUNTERPARTY, ETH, new byte[0])), false, null);
        assertDecision(decide(policy, none, transfer(1, COUNTERPARTY, ETH.multiply(BigInteger.valueOf(11)), new byte[0])),
                false, null);
        TenantPolicy.Usage almostFull = (rule, limit) -> new TenantPolicy.Totals(ETH.multiply(BigInteger.valueOf(99))
                .divide(BigInteger.TWO), 10);
        assertDecision(decide(policy, almostFull, transfer(1, COUNTERPARTY, ETH, new byte[0])), false,
                "counterparty-transfers");
        assertDecision(decide(policy, none, new Eip191Message("hi".getBytes())), false, null);
        // ERC-20 transfer(address,uint256) on Base is allowed; another method is not.
        byte[] erc20 = java.util.HexFormat.of().parseHex("a9059cbb" + "00".repeat(64));
        assertDecision(decide(policy, none, transfer(8453, COUNTERPARTY, BigInteger.ZERO, erc20)), true,
                "counterparty-transfers");
        byte[] approve = java.util.HexFormat.of().parseHex("095ea7b3" + "00".repeat(64));
        assertDecision(decide(policy, none, transfer(8453, COUNTERPARTY, BigInteger.ZERO, approve)), false, null);
    }

    @Test
    void messagesExample_decidesAsDocumented() throws IOException {
        PolicyDocument policy = PolicyDocument.parse(blocks("example").get("messages"));
        TenantPolicy.Usage none = TenantPolicy.Usage.NONE;
        String permit2 = "0x000000000022D473030F116dDEE9F6B43aC78BA3";

        assertDecision(decide(policy, none, new Eip191Message("Sign in to example.org".getBytes())), true, "sign-in");
        assertDecision(decide(policy, none, typedData("Permit2", 1, permit2)), true, "permit2");
        assertDecision(decide(policy, none, typedData("Permit2", 10, permit2)), false, null);
        assertDecision(decide(policy, none, transfer(1, COUNTERPARTY, ETH, new byte[0])), false, null);
        TenantPolicy.Usage hourFull = (rule, limit) -> new TenantPolicy.Totals(BigInteger.ZERO, 1000);
        assertDecision(decide(policy, hourFull, typedData("Permit2", 1, permit2)), false, "permit2");
    }

    @Test
    void invalidExamples_areRefusedAtTheDocumentedPath() throws IOException {
        Map<String, String> invalid = blocks("invalid");
        assertTrue(invalid.size() >= 2, "the page shows refused documents");
        invalid.forEach((path, json) -> assertEquals(path,
                assertThrows(InvalidPolicyException.class, () -> PolicyDocument.parse(json)).path()));
    }

    @Test
    void thePageHasTheExamplesThisTestChecks() throws IOException {
        assertEquals(List.of("treasury", "messages"), List.copyOf(blocks("example").keySet()));
    }
}
