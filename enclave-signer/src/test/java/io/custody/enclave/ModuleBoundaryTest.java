package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module stays small and free of server frameworks (README: "What it must never do"). */
class ModuleBoundaryTest {

    private static final List<String> FORBIDDEN_IMPORTS = List.of(
            "io.quarkus", "jakarta.", "javax.inject", "org.hibernate", "com.sun.net.httpserver",
            "java.net.http", "org.web3j", "java.util.logging", "org.slf4j");

    private static List<Path> mainSources() throws IOException {
        Path root = Path.of("src/main/java");
        assertTrue(Files.isDirectory(root), "run from the module directory (surefire does)");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void mainSources_importNoServerFrameworkOrLogging() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : mainSources()) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("import ") && FORBIDDEN_IMPORTS.stream().anyMatch(f -> line.contains(" " + f)
                        || line.contains("static " + f))) {
                    violations.add(file.getFileName() + ": " + line);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void mainSources_stayUnder400Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : mainSources()) {
            long lines = Files.readAllLines(file).size();
            if (lines >= 400) {
                tooLong.add(file.getFileName() + " has " + lines + " lines");
            }
        }
        assertEquals(List.of(), tooLong);
    }
}
