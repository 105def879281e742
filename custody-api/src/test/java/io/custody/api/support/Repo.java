package io.custody.api.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, for tests that use scripts or keys kept outside the module. */
public final class Repo {
    private Repo() {
    }

    public static Path root() {
        String configured = System.getProperty("custody.repo.dir");
        Path root = configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("config"))) {
            throw new IllegalStateException("Cannot find the repository root (set -Dcustody.repo.dir); tried " + root);
        }
        return root;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
