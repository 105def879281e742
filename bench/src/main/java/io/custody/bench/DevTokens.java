package io.custody.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens signed with the development key, with the claims of {@code scripts/dev-token}.
 * The service accepts a token for an hour after its {@code iat}, and a long batch or signing run
 * outlives that, so each (role, tenant) token is cached and minted again once it is 50 minutes old.
 */
final class DevTokens {

    static final String ISSUER = "https://custody.local/dev";
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration RENEW_AFTER = Duration.ofMinutes(50);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private record Minted(String header, Instant renewAt) {
    }

    private final PrivateKey key;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Minted> cache = new ConcurrentHashMap<>();

    private DevTokens(PrivateKey key) {
        this.key = key;
    }

    /** Reads a PKCS#8 PEM RSA key ({@code -----BEGIN PRIVATE KEY-----}), as in config/dev-jwt. */
    static DevTokens load(Path pem) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            return new DevTokens(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new BenchException("cannot read the dev JWT key " + pem.toAbsolutePath()
                    + " (run from the repository root or pass --key): " + e, e);
        }
    }

    /** {@code Bearer <jwt>} for the platform admin. */
    String platformAdmin() {
        return bearer("platform-admin", null);
    }

    /** {@code Bearer <jwt>} for a tenant role: tenant-admin, signer or auditor. */
    String forTenant(String role, String tenantId) {
        return bearer(role, tenantId);
    }

    private String bearer(String role, String tenantId) {
        String cacheKey = role + "/" + tenantId;
        Instant now = Instant.now();
        Minted minted = cache.get(cacheKey);
        if (minted == null || now.isAfter(minted.renewAt())) {
            minted = new Minted("Bearer " + mint(role, tenantId, now), now.plus(RENEW_AFTER));
            cache.put(cacheKey, minted);
        }
        return minted.header();
    }

    private String mint(String role, String tenantId, Instant now) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", ISSUER);
        claims.put("sub", "bench-" + role);
        claims.putArray("groups").add(role);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        claims.put("jti", HexFormat.of().formatHex(jti));
        if (tenantId != null) {
            claims.put("tenant_id", tenantId);
        }
        String signingInput = base64url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64url(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new BenchException("cannot sign a JWT: " + e.getMessage(), e);
        }
    }

    private static String base64url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
