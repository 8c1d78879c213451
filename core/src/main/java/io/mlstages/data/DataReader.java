package io.mlstages.data;

import java.nio.file.Path;
import java.util.Objects;

/** Opens dataset files as streaming {@link RowSource}s. */
public final class DataReader {
    /**
     * Files at least this large are parsed on a second thread while the caller consumes rows; below it the
     * thread would cost more than it saves.
     */
    static final long PIPELINE_MIN_BYTES = 4L * 1024 * 1024;

    private DataReader() {
    }

    /**
     * Opens a CSV or JSON Lines file (gzip-compressed or not) and fixes its schema: from {@code options.schema()}
     * when given, else inferred from the first {@code options.inferRows()} rows (0: from a first pass over the
     * whole file), with {@code options.types()} overriding. Only the inference rows are buffered. Files of
     * {@value #PIPELINE_MIN_BYTES} bytes or more are parsed on a second thread while the caller consumes rows,
     * when a processor is free for it (not while this process reads as many files as there are processors, nor
     * while other processes keep them busy); the rows, values and errors are the same either way. See
     * docs/data.md.
     *
     * @throws DataException when the file cannot be read, is empty, binary, not UTF-8, has no header or no rows,
     *                       or its columns do not match the schema or the type overrides
     */
    public static RowSource open(final Path file, final ReadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (isParquet(file, options)) {
            return ParquetSource.open(file, ParquetSource.parts(file), options);
        }
        boolean parallel = Runtime.getRuntime().availableProcessors() > 1
                && !Boolean.getBoolean("mlstages.data.sequential");
        Runnable done = Cores.reading();
        TabularSource source;
        try {
            source = TabularSource.open(file, options);
        } catch (RuntimeException e) {
            done.run();
            throw e;
        }
        source.onClose(done);
        // decided after the schema, when the files opened at the same time have all been counted
        // skip mode types rows where they are read, so that a bad row is dropped before the caller sees it
        return parallel && !source.skipsBadRows() && source.size() >= PIPELINE_MIN_BYTES && Cores.spare()
                ? new PipelinedSource(source) : source;
    }

    /**
     * Opens a file that is parsed on the calling thread only, for callers that already hand their own work to
     * another thread (the profiler does): a reading thread on top would compete with theirs for the cores
     * (measured: profiling a 1M-row file took about 8 % longer in wall time and 10 % more processor time).
     */
    public static RowSource openOnCallerThread(final Path file, final ReadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (isParquet(file, options)) {
            return ParquetSource.open(file, ParquetSource.parts(file), options);
        }
        return open(file, options, Long.MAX_VALUE);
    }

    /**
     * Opens Parquet parts read as one dataset, from wherever their bytes are: the seam for data that is not in
     * local files (each part gives a {@link java.nio.channels.SeekableByteChannel}). The parts are read in the
     * order given; the first fixes the columns, and every other must have them with the same types.
     *
     * @param dataset how the dataset is named in the profile and in messages about it as a whole
     * @throws DataException naming the part and the column when a part is not Parquet, is truncated or damaged,
     *                       or a column to read is nested, unsupported or missing
     */
    public static RowSource openParquet(final Path dataset, final java.util.List<ParquetPart> parts,
            final ReadOptions options) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(options, "options");
        return ParquetSource.open(dataset, parts, options);
    }

    /** Whether a path is read as Parquet: by {@code --format parquet}, its name, or being a folder of part files. */
    static boolean isParquet(final Path file, final ReadOptions options) {
        Format format = options.format();
        return format == Format.PARQUET || format == null && Format.of(file) == Format.PARQUET;
    }

    /** Opens a file, parsing on a second thread when it has at least {@code pipelineBytes} bytes. */
    static RowSource open(final Path file, final ReadOptions options, final long pipelineBytes) {
        if (isParquet(file, options)) {
            return ParquetSource.open(file, ParquetSource.parts(file), options);
        }
        TabularSource source = TabularSource.open(file, options);
        return source.size() >= pipelineBytes && !source.skipsBadRows() ? new PipelinedSource(source) : source;
    }

    /**
     * The SHA-256 of a file's bytes as stored, in lower-case hexadecimal (what {@code sha256sum} prints); of a
     * folder of Parquet parts, of their bytes one after the other in name order.
     *
     * @throws DataException when the file cannot be read
     */
    public static String sha256(final Path file) {
        Objects.requireNonNull(file, "file");
        if (java.nio.file.Files.isDirectory(file)) {
            return ParquetSource.sha256(ParquetSource.parts(file));
        }
        return TextInput.sha256(file);
    }
}
