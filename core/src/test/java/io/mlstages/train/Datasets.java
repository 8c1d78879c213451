package io.mlstages.train;

import java.nio.file.Path;

import io.mlstages.TestData;

/** The real data sets in {@code test-resources/datasets} (see its README for their sources). */
final class Datasets {
    private Datasets() {
    }

    static Path file(final String name) {
        return TestData.dataset(name);
    }
}
