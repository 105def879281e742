package io.custody.api.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID TENANT = UUID.fromString("01a2349e-b6ac-722f-9bc5-e8949817f474");
    private static final UUID ID = UUID.fromString("01a234a1-f05a-78bc-a08b-9f0791b77593");

    private static AuditChain.Event event(String detailsJson) throws Exception {
        JsonNode details = JSON.readTree(detailsJson);
        return new AuditChain.Event(ID, TENANT, Instant.parse("2026-12-02T02:42:37.786170Z"), "dev-signer",
                "signature.create", "account", "01a2349e-b72f-7008-86e6-a6075e7a58bc", "SUCCESS", "req-1", details,
                null, null, null);
    }

    @Test
    void canonicalForm_isJcsWithEveryMember_sortedKeys_andMicrosecondUtcTime() throws Exception {
        String canonical = AuditChain.canonical(event("{\"type\": \"eip191_message\", \"chainId\": null}"), 7);

        assertEquals("{\"action\":\"signature.create\",\"actor\":\"dev-signer\","
                + "\"details\":{\"chainId\":null,\"type\":\"eip191_message\"},"
                + "\"id\":\"01a234a1-f05a-78bc-a08b-9f0791b77593\",\"occurredAt\":\"2026-12-02T02:42:37.786170Z\","
                + "\"outcome\":\"SUCCESS\",\"requestId\":\"req-1\",\"resourceId\":\"01a2349e-b72f-7008-86e6-a6075e7a58bc\","
                + "\"resourceType\":\"account\",\"seq\":7,\"tenantId\":\"01a2349e-b6ac-722f-9bc5-e8949817f474\",\"v\":1}",
                canonical);
    }

    @Test
    void hash_isSha256OfThePreviousHashFollowedByTheCanonicalText() throws Exception {
        AuditChain.Event event = event("{\"type\":\"eip191_message\"}");
        byte[] prev = HexFormat.of().parseHex("11".repeat(32));

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(prev);
        sha256.update(AuditChain.canonical(event, 3).getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(sha256.digest(), AuditChain.hash(prev, event, 3));
    }

    /** The worked example of docs/audit.md, whose hash was computed with Python's json and hashlib. */
    @Test
    void theDocumentedExample_hashesToTheDocumentedValue() throws Exception {
        AuditChain.Event event = event("{\"type\": \"eip1559_transaction\", \"chainId\": \"1\", "
                + "\"transactionHash\": \"0x" + "ab".repeat(32) + "\"}");

        assertEquals("27130c974c9cf13ca6ea7f069484010b8a6cf96b25b2e9012d0bf3b22af22eb8",
                HexFormat.of().formatHex(AuditChain.hash(AuditChain.genesis(), event, 1)));
    }

    @Test
    void detailsKeyOrder_doesNotMatter_butEveryContentChangeAndPositionDoes() throws Exception {
        byte[] prev = AuditChain.genesis();
        byte[] hash = AuditChain.hash(prev, event("{\"a\":\"1\",\"b\":\"2\"}"), 1);

        assertArrayEquals(hash, AuditChain.hash(prev, event("{\"b\":\"2\",\"a\":\"1\"}"), 1));
        assertFalse(Arrays.equals(hash, AuditChain.hash(prev, event("{\"a\":\"1\",\"b\":\"3\"}"), 1)));
        assertFalse(Arrays.equals(hash, AuditChain.hash(prev, event("{\"a\":\"1\",\"b\":\"2\"}"), 2)));
        byte[] otherPrev = prev.clone();
        otherPrev[31] = 1;
        assertFalse(Arrays.equals(hash, AuditChain.hash(otherPrev, event("{\"a\":\"1\",\"b\":\"2\"}"), 1)));
    }
}
