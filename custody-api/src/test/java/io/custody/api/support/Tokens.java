package io.custody.api.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/** Mints bearer tokens for tests with the development key pair (the one the test profile trusts). */
public final class Tokens {
    public static final String ISSUER = "https://custody.local/dev";
    private static final PrivateKey DEV_KEY = readPkcs8(Repo.path("config/dev-jwt/private-key.pem"));

    private Tokens() {
    }

    public static String platformAdmin() {
        return sign(claims("platform-ops", "platform-admin"));
    }

    public static String forTenant(String role, UUID tenantId) {
        return sign(claims("user-" + role, role).claim("tenant_id", tenantId.toString()));
    }

    public static JwtClaimsBuilder claims(String subject, String... groups) {
        return Jwt.issuer(ISSUER).subject(subject).groups(Set.of(groups)).expiresIn(600);
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.sign(DEV_KEY);
    }

    public static PrivateKey readPkcs8(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
