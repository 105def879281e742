package io.custody.awslocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-only {@link AttestationCheck} with a trivial document format:
 * {@code "TEST-ATTESTATION-V1\n" || JSON {"pcrs": {"0": hex, ...}, "publicKey": base64 SPKI} || HMAC-SHA256(tag)}.
 * Documents are "signed" with a random per-instance key, so a document this instance did not
 * issue (a forgery, or one with a flipped byte) fails verification like a badly signed Nitro document.
 */
public final class TestAttestation implements AttestationCheck {

    private static final byte[] MAGIC = "TEST-ATTESTATION-V1\n".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] signingKey = new byte[32];

    public TestAttestation() {
        new SecureRandom().nextBytes(signingKey);
    }

    /** A document for {@code publicKey} with these PCRs, signed by this instance. */
    public byte[] document(PublicKey publicKey, Map<Integer, byte[]> pcrs) {
        return sign(body(publicKey, pcrs), signingKey);
    }

    /** The same document shape signed with a key this instance does not trust. */
    public static byte[] forgedDocument(PublicKey publicKey, Map<Integer, byte[]> pcrs) {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        return sign(body(publicKey, pcrs), otherKey);
    }

    @Override
    public VerifiedAttestation verify(byte[] document) throws AttestationException {
        if (document.length < MAGIC.length + 32
                || !Arrays.equals(Arrays.copyOf(document, MAGIC.length), MAGIC)) {
            throw new AttestationException("not a test attestation document");
        }
        byte[] body = Arrays.copyOfRange(document, MAGIC.length, document.length - 32);
        byte[] tag = Arrays.copyOfRange(document, document.length - 32, document.length);
        if (!MessageDigest.isEqual(tag, mac(body, signingKey))) {
            throw new AttestationException("signature does not verify");
        }
        try {
            JsonNode node = JSON.readTree(body);
            Map<Integer, byte[]> pcrs = new HashMap<>();
            node.get("pcrs").properties().forEach(e ->
                    pcrs.put(Integer.parseInt(e.getKey()), HexFormat.of().parseHex(e.getValue().textValue())));
            JsonNode publicKey = node.get("publicKey");
            return new VerifiedAttestation(publicKey.isNull() ? null : Base64.getDecoder().decode(publicKey.textValue()),
                    pcrs);
        } catch (java.io.IOException | RuntimeException e) {
            throw new AttestationException("malformed test attestation document", e);
        }
    }

    /** A PCR value of 48 bytes filled with {@code fill}. */
    public static byte[] pcr(int fill) {
        byte[] value = new byte[48];
        Arrays.fill(value, (byte) fill);
        return value;
    }

    private static byte[] body(PublicKey publicKey, Map<Integer, byte[]> pcrs) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode pcrNode = node.putObject("pcrs");
        pcrs.forEach((index, value) -> pcrNode.put(String.valueOf(index), HexFormat.of().formatHex(value)));
        if (publicKey == null) {
            node.putNull("publicKey");
        } else {
            node.put("publicKey", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(byte[] body, byte[] key) {
        byte[] tag = mac(body, key);
        byte[] document = new byte[MAGIC.length + body.length + tag.length];
        System.arraycopy(MAGIC, 0, document, 0, MAGIC.length);
        System.arraycopy(body, 0, document, MAGIC.length, body.length);
        System.arraycopy(tag, 0, document, MAGIC.length + body.length, tag.length);
        return document;
    }

    private static byte[] mac(byte[] body, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
