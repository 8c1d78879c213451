package io.mlstages.data;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One Parquet file of a dataset, read at random positions through a {@link SeekableByteChannel}: a local file,
 * or anything else that can seek (ranged reads of an object in a store). The reader opens one channel per part
 * at a time, reads the footer from its end and then only the column chunks it needs.
 *
 * @param name   how messages and the profile name the part (a file path, or a URL as a path)
 * @param opener opens a fresh channel over the part's bytes; called once to read it and again for its SHA-256
 */
public record ParquetPart(Path name, Opener opener) {
    /** Opens a channel over a part's bytes. */
    @FunctionalInterface
    public interface Opener {
        /** A new channel, positioned at 0; the caller closes it. */
        SeekableByteChannel open() throws IOException;
    }

    public ParquetPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    /** A local file. */
    public static ParquetPart of(final Path file) {
        return new ParquetPart(file, () -> Files.newByteChannel(file));
    }
}
