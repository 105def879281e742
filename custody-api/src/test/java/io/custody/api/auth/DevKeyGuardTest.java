package io.custody.api.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.api.support.Repo;
import io.quarkus.runtime.LaunchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeyGuardTest {

    @Test
    void prodProfile_refusesToStart_withTheDevKeyOnTheClasspath() {
        var e = assertThrows(IllegalStateException.class,
                () -> DevKeyGuard.check(List.of("prod"), LaunchMode.NORMAL, "dev-jwt/public-key.pem"));
        assertTrue(e.getMessage().contains("development key"));
    }

    @Test
    void prodProfile_refusesToStart_withACopyOfTheDevKeyOnDisk(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("issuer.pem");
        Files.copy(Repo.path("custody-api/src/main/resources/dev-jwt/public-key.pem"), copy);
        assertThrows(IllegalStateException.class, () -> DevKeyGuard.check(List.of("prod"), LaunchMode.NORMAL, copy.toString()));
        assertThrows(IllegalStateException.class, () -> DevKeyGuard.check(List.of("prod"), LaunchMode.NORMAL, "file:" + copy));
    }

    @Test
    void prodProfile_starts_withAnotherKey(@TempDir Path dir) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path key = dir.resolve("issuer.pem");
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        assertFalse(DevKeyGuard.isDevKey(key.toString()));
        assertDoesNotThrow(() -> DevKeyGuard.check(List.of("prod"), LaunchMode.NORMAL, key.toString()));
    }

    @Test
    void devAndTestProfiles_acceptTheDevKey() {
        assertDoesNotThrow(() -> DevKeyGuard.check(List.of("dev"), LaunchMode.NORMAL, "dev-jwt/public-key.pem"));
        assertDoesNotThrow(() -> DevKeyGuard.check(List.of("test"), LaunchMode.TEST, "dev-jwt/public-key.pem"));
    }
}
