package io.mlstages.steps;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder: the nearest folder above the module that holds {@code mvnw}. */
final class RepositoryRoot {
    private RepositoryRoot() {
    }

    static Path find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No folder holding mvnw above " + start);
    }
}
