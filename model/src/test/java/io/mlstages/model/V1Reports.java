package io.mlstages.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed reports of schema version 1 (test-resources/reports/v1); a missing one fails the test. */
final class V1Reports {
    private V1Reports() {
    }

    static Path file(final String name) {
        for (Path folder : new Path[] {Path.of("..", "test-resources", "reports", "v1"),
                Path.of("test-resources", "reports", "v1")}) {
            if (Files.isRegularFile(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        throw new AssertionError("test-resources/reports/v1/" + name + " is missing from this checkout (from "
                + Path.of("").toAbsolutePath() + "); the repository ships it");
    }

    static String text(final String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
