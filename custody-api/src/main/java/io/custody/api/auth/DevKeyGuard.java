package io.custody.api.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start the prod profile while the JWT verification key is the development key
 * from this repository: anyone can mint tokens with its private half.
 */
@Singleton
public class DevKeyGuard {
    static final String DEV_PUBLIC_KEY_RESOURCE = "dev-jwt/public-key.pem";

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String publicKeyLocation;

    void onStart(@Observes StartupEvent event) {
        check(ConfigUtils.getProfiles(), LaunchMode.current(), publicKeyLocation);
    }

    static void check(List<String> profiles, LaunchMode mode, String location) {
        boolean devOrTest = mode != LaunchMode.NORMAL || profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest && isDevKey(location)) {
            throw new IllegalStateException("Refusing to start: the JWT verification key (mp.jwt.verify.publickey.location="
                    + location + ") is the development key, which is public. Set CUSTODY_JWT_PUBLIC_KEY_LOCATION "
                    + "to the issuer's key.");
        }
    }

    /** True when the location names the development key, or a copy of it. */
    static boolean isDevKey(String location) {
        byte[] configured = readPemKey(location);
        return configured != null && Arrays.equals(configured, readPemKey("classpath:" + DEV_PUBLIC_KEY_RESOURCE));
    }

    /** The DER bytes of a PEM key at a classpath or file location; null when unreadable here (for example a URL). */
    private static byte[] readPemKey(String location) {
        if (location == null || location.isBlank() || location.matches("(?i)https?:.*")) {
            return null;
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        try (InputStream in = open(location.startsWith("file:") ? path.substring("file:".length()) : path)) {
            if (in == null) {
                return null;
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWT verification key at " + location, e);
        } catch (IllegalArgumentException e) {
            return null; // not a PEM key (a JWK set, say): it cannot be the dev PEM key
        }
    }

    private static InputStream open(String path) throws IOException {
        Path file = Path.of(path);
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        String resource = path.startsWith("/") ? path.substring(1) : path;
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
    }
}
