package io.mlstages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real data sets the repository ships in {@code test-resources/datasets}. A missing file fails the test: the
 * data is part of the checkout, so its absence is a broken checkout, never a reason to skip.
 */
public final class TestData {
    private TestData() {
    }

    /** The folder of the data sets: {@code MLSTAGES_DATASETS} when set, else found from the module or the root. */
    public static Path folder() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("MLSTAGES_DATASETS");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("..", "test-resources", "datasets"));
        candidates.add(Path.of("test-resources", "datasets"));
        for (Path folder : candidates) {
            if (Files.isDirectory(folder)) {
                return folder;
            }
        }
        throw new AssertionError("test-resources/datasets is missing from this checkout (looked in " + candidates
                + " from " + Path.of("").toAbsolutePath() + "); the repository ships it");
    }

    /** One data set by file name; fails, naming it, when it is not there. */
    public static Path dataset(final String name) {
        Path path = folder().resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new AssertionError("test-resources/datasets/" + name + " is missing from this checkout; "
                    + "the repository ships it");
        }
        return path;
    }

    /** One Parquet fixture from {@code test-resources/parquet} (made by its MakeParquetFixtures.java); fails when missing. */
    public static Path parquet(final String name) {
        Path path = folder().resolveSibling("parquet").resolve(name);
        if (!Files.exists(path)) {
            throw new AssertionError("test-resources/parquet/" + name + " is missing from this checkout; "
                    + "the repository ships it");
        }
        return path;
    }
}
