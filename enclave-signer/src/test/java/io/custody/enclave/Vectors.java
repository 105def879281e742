package io.custody.enclave;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the shared test vectors ({@code shared/vectors/}). The location comes from the system
 * property {@code custody.shared.dir}, which the module's surefire configuration sets.
 */
final class Vectors {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private Vectors() {}

    static Path sharedDir() {
        String dir = System.getProperty("custody.shared.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property custody.shared.dir is not set: run the tests "
                    + "through Maven (enclave-signer/pom.xml sets it to ../shared) or pass "
                    + "-Dcustody.shared.dir=/path/to/shared");
        }
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("vectors"))) {
            throw new IllegalStateException("custody.shared.dir=" + path + " has no vectors/ directory");
        }
        return path;
    }

    static Path vector(String relative) {
        Path p = sharedDir().resolve("vectors").resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing test vector file " + p);
        }
        return p;
    }

    /** A JSON document as nested {@code Map}/{@code List}/{@code String}/{@code BigInteger}/{@code Boolean}. */
    static Object readJson(String relative) {
        Path p = vector(relative);
        try (InputStream in = relative.endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
            return JSON.readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readList(String relative) {
        return (List<Map<String, Object>>) readJson(relative);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(String relative) {
        return (Map<String, Object>) readJson(relative);
    }
}
