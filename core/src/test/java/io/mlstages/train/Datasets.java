package io.mlstages.train;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real data sets in {@code test-resources/datasets} (see its README for their sources). */
final class Datasets {
    private Datasets() {
    }

    static Path file(final String name) {
        Path path = Path.of("..", "test-resources", "datasets", name);
        assumeTrue(Files.isRegularFile(path), "data set " + name + " is not present");
        return path;
    }
}
