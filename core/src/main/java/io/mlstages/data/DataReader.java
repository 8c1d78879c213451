package io.mlstages.data;

import java.nio.file.Path;

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
        throw new UnsupportedOperationException("not yet implemented");
    }
}
