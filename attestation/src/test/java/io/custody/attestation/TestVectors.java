package io.custody.attestation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;

/** The real AWS samples in {@code shared/vectors/nitro-attestation/}. */
public final class TestVectors {

    /** Inside the real leaf certificate's ~3 h lifetime. */
    public static final Instant REAL_DOC_VALID_AT = Instant.parse("2024-07-16T20:00:00Z");
    /** The real document's timestamp, 1721159587239 ms. */
    public static final Instant REAL_DOC_TIMESTAMP = Instant.ofEpochMilli(1721159587239L);
    public static final String REAL_MODULE_ID = "i-059e862454f4a8d8f-enc0190a2f1964172e6";
    public static final byte[] REAL_PCR0 = HexFormat.of().parseHex(
            "c8275c3e3cd96b3cb256ae55ef8ce52b2dac4601bbd7698efbb76717b4a77c9473d9fc6b2ea93d7d4cff0fb800e675bf");

    private TestVectors() {}

    /** {@code shared/}, from the system property surefire sets. */
    public static Path sharedDir() {
        String dir = System.getProperty("custody.shared.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property custody.shared.dir is not set: run the tests with Maven "
                    + "(attestation/pom.xml sets it to ${maven.multiModuleProjectDirectory}/../shared) "
                    + "or pass -Dcustody.shared.dir=/path/to/shared");
        }
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("vectors/nitro-attestation"))) {
            throw new IllegalStateException("custody.shared.dir=" + path + " has no vectors/nitro-attestation/ directory");
        }
        return path;
    }

    public static byte[] realDocument() {
        return read("vectors/nitro-attestation/real-attestation-doc.cose");
    }

    public static byte[] awsRootPem() {
        return read("vectors/nitro-attestation/aws-nitro-root-g1.pem");
    }

    private static byte[] read(String relative) {
        try {
            return Files.readAllBytes(sharedDir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Index of the first occurrence of {@code needle} in {@code haystack}; fails if absent. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("byte pattern not found");
    }
}
