package io.mlstages.data;

import java.nio.file.Path;
import java.util.Objects;

/** Opens dataset files as streaming {@link RowSource}s. */
public final class DataReader {
    private DataReader() {
    }

    /**
     * Opens a CSV or JSON Lines file.
     *
     * @throws DataException when the file cannot be read, is empty, binary, not UTF-8, or has no header
     */
    public static RowSource open(final Path file, final ReadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return TabularSource.open(file, options);
    }

    /**
     * The SHA-256 of a file's bytes as stored, in lower-case hexadecimal (what {@code sha256sum} prints).
     *
     * @throws DataException when the file cannot be read
     */
    public static String sha256(final Path file) {
        Objects.requireNonNull(file, "file");
        return TextInput.sha256(file);
    }
}
