package io.mlstages.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ColumnType;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;

/**
 * Builds a {@link Profile} in one streaming pass: feed it rows with {@link #add}, then call {@link #finish}.
 * Memory per column is bounded (a KLL sketch, at most {@code exactLimit} kept values, at most
 * {@value CategoryAccumulator#DISTINCT_CAP} distinct categories), whatever the number of rows.
 *
 * <p>The calling thread only copies cells into column batches of {@value #MAX_BATCH_ROWS} rows; on a machine with
 * more than one processor a second thread summarises the full batches (the sketches cost about 40 ns per
 * value, as much as parsing), so reading and summarising overlap. Close the profiler (or call
 * {@link #finish}) to stop that thread; {@link #profile} does both.</p>
 *
 * <p>Not thread-safe: one profiler reads one source.</p>
 */
public final class Profiler implements AutoCloseable {
    /** The most rows in a batch; wide schemas get fewer, so that the batches stay within about 8 MB. */
    static final int MAX_BATCH_ROWS = 4096;
    private static final int BATCHES = 3;
    private static final long BATCH_BYTES = 8L << 20;
    /** Block buffers of all numeric columns: 16 MB gives 900 columns blocks of 2048 values, which the sketch takes whole. */
    private static final long BLOCK_BYTES = 16L << 20;

    private static final byte NUMERIC = 0;
    private static final byte CATEGORICAL = 1;
    private static final byte BOOLEAN = 2;

    private final Schema schema;
    private final ProfileSettings settings;
    private final byte[] kinds;
    private final long[] missing;
    private final long[] trueCounts;
    private final long[] falseCounts;
    private final NumericAccumulator[] numeric;
    private final CategoryAccumulator[] categories;
    private long rows;

    private final int batchRows;
    private Batch batch;
    @CheckForNull private final Worker worker;
    private boolean finished;

    /** A profiler for rows of this schema. */
    public Profiler(final Schema schema, final ProfileSettings settings) {
        this(schema, settings, Runtime.getRuntime().availableProcessors() > 1);
    }

    /** As the public constructor, choosing whether a second thread summarises (tests compare both ways). */
    Profiler(final Schema schema, final ProfileSettings settings, final boolean threaded) {
        this(schema, settings, threaded, MAX_BATCH_ROWS);
    }

    /**
     * As the public constructor, with batches of at most {@code maxBatchRows} rows: a segment's profiler, one of
     * many, summarises on the caller's thread in small batches so that its buffers stay small.
     */
    Profiler(final Schema schema, final ProfileSettings settings, final boolean threaded, final int maxBatchRows) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.settings = Objects.requireNonNull(settings, "settings");
        int size = schema.size();
        kinds = new byte[size];
        missing = new long[size];
        trueCounts = new long[size];
        falseCounts = new long[size];
        numeric = new NumericAccumulator[size];
        categories = new CategoryAccumulator[size];
        long numericColumns = schema.columns().stream().filter(c -> c.type() == ColumnType.NUMERIC).count();
        int blockSize = fit(BLOCK_BYTES / (8 * Math.max(1, numericColumns)), 64, NumericAccumulator.MAX_BLOCK);
        batchRows = fit(BATCH_BYTES / (8L * BATCHES * Math.max(1, size)), 8, maxBatchRows);
        BlockSorter sorter = numericColumns == 0 ? null : new BlockSorter(blockSize);
        for (int i = 0; i < size; i++) {
            ColumnType type = schema.column(i).type();
            if (type == ColumnType.NUMERIC) {
                kinds[i] = NUMERIC;
                numeric[i] = new NumericAccumulator(settings, blockSize, sorter);
            } else {
                kinds[i] = type == ColumnType.BOOLEAN ? BOOLEAN : CATEGORICAL;
                categories[i] = new CategoryAccumulator(settings.topK());
            }
        }
        batch = new Batch(kinds, batchRows);
        worker = threaded ? new Worker() : null;
    }

    /**
     * Profiles every remaining row of a source. The source is not closed.
     *
     * @param sha256 the SHA-256 of the source file (hex), or null when unknown (see {@link io.mlstages.data.RowSource#sha256})
     * @throws io.mlstages.data.DataException when a row is malformed
     */
    public static Profile profile(final RowSource source, final ProfileSettings settings,
            @CheckForNull final String sha256) {
        try (Profiler profiler = new Profiler(source.schema(), settings)) {
            if (!profiler.addByColumn(source)) {
                while (source.next()) {
                    profiler.add(source);
                }
            }
            Path file = source.file();
            String name = file == null || file.getFileName() == null ? "-" : file.getFileName().toString();
            return profiler.finish(List.of(new Profile.Source(name, sha256, profiler.rows())));
        }
    }

    /**
     * Adds the source's current row.
     *
     * @throws io.mlstages.data.DataException when a cell of a numeric column is not a number
     */
    public void add(final RowSource row) {
        if (finished) {
            throw new IllegalStateException("The profiler has finished");
        }
        byte[] kinds = this.kinds;
        Batch batch = this.batch;
        int i = 0;
        try {
            for (; i < kinds.length; i++) {
                if (row.isMissing(i)) {
                    missing[i]++;
                } else if (kinds[i] == NUMERIC) {
                    // read before storing: Java evaluates the index (and its ++) before the right-hand side
                    double value = row.number(i);
                    batch.numbers[i][batch.sizes[i]++] = value;
                } else if (kinds[i] == BOOLEAN) {
                    if (row.bool(i)) {
                        trueCounts[i]++;
                    } else {
                        falseCounts[i]++;
                    }
                } else {
                    String value = row.text(i);
                    batch.texts[i][batch.sizes[i]++] = value;
                }
            }
        } catch (RuntimeException e) {
            undo(row, i);
            throw e;
        }
        rows++;
        if (++batch.rows == batchRows) {
            hand(batch);
        }
    }

    /**
     * Adds every remaining row of a source that reads by column ({@link RowSource#readByColumn}), straight into
     * the columns' accumulators on this thread. Each column's values reach its accumulator in row order, as
     * {@link #add} delivers them, so the profile is the same.
     *
     * @return false when the source reads by row, or rows were added by row already (their batches may still be
     *         with the summarising thread); nothing was added then
     */
    public boolean addByColumn(final RowSource source) {
        if (finished) {
            throw new IllegalStateException("The profiler has finished");
        }
        if (rows > 0) {
            return false;
        }
        long read = source.readByColumn(i -> cell(source, i));
        if (read < 0) {
            return false;
        }
        rows += read;
        return true;
    }

    private void cell(final RowSource source, final int i) {
        if (source.isMissing(i)) {
            missing[i]++;
        } else if (kinds[i] == NUMERIC) {
            numeric[i].add(source.number(i));
        } else if (kinds[i] == BOOLEAN) {
            if (source.bool(i)) {
                trueCounts[i]++;
            } else {
                falseCounts[i]++;
            }
        } else {
            categories[i].add(source.text(i));
        }
    }

    /**
     * Takes back the cells of a row that failed at column {@code failed}, so that a caller who skips bad rows
     * keeps consistent counts.
     */
    private void undo(final RowSource row, final int failed) {
        for (int i = 0; i < failed; i++) {
            if (row.isMissing(i)) {
                missing[i]--;
            } else if (kinds[i] == BOOLEAN) {
                if (row.bool(i)) {
                    trueCounts[i]--;
                } else {
                    falseCounts[i]--;
                }
            } else {
                batch.sizes[i]--;
                if (batch.texts[i] != null) {
                    batch.texts[i][batch.sizes[i]] = null;
                }
            }
        }
    }

    /** The rows added so far. */
    public long rows() {
        return rows;
    }

    /**
     * The profile of the rows added, attributed to these sources. The profiler cannot be used after.
     *
     * @throws IllegalStateException when called twice
     */
    public Profile finish(final List<Profile.Source> sources) {
        if (finished) {
            throw new IllegalStateException("The profiler has finished");
        }
        if (batch.rows > 0) {
            hand(batch);
        }
        finished = true;
        if (worker != null) {
            worker.stop();
        }
        List<ColumnProfile> columns = new ArrayList<>(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            String name = schema.column(i).name();
            ColumnType type = schema.column(i).type();
            if (kinds[i] == NUMERIC) {
                columns.add(new ColumnProfile(name, type, rows, missing[i], numeric[i].finish(), null));
            } else {
                categories[i].addBooleans(trueCounts[i], falseCounts[i]);
                columns.add(new ColumnProfile(name, type, rows, missing[i], null, categories[i].finish()));
            }
        }
        return new Profile(Profile.SCHEMA_VERSION, sources, rows, settings, columns);
    }

    /** Stops the summarising thread, if any; the profile is then lost unless {@link #finish} was called. */
    @Override
    public void close() {
        finished = true;
        if (worker != null) {
            worker.stop();
        }
    }

    /** The largest power of two at most {@code wanted}, within [low, high]. */
    private static int fit(final long wanted, final int low, final int high) {
        long value = Long.highestOneBit(Math.max(1, wanted));
        return (int) Math.max(low, Math.min(high, value));
    }

    /** Summarises a full (or the last) batch, here or on the worker, and takes an empty one. */
    private void hand(final Batch full) {
        if (worker == null) {
            summarise(full);
            full.clear();
        } else {
            batch = worker.exchange(full);
        }
    }

    private void summarise(final Batch full) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == NUMERIC) {
                NumericAccumulator accumulator = numeric[i];
                double[] values = full.numbers[i];
                for (int j = 0, n = full.sizes[i]; j < n; j++) {
                    accumulator.add(values[j]);
                }
            } else if (kinds[i] == CATEGORICAL) {
                CategoryAccumulator accumulator = categories[i];
                String[] texts = full.texts[i];
                for (int j = 0, n = full.sizes[i]; j < n; j++) {
                    accumulator.add(texts[j]);
                }
            }
        }
    }

    /** The non-missing cells of a batch of rows, column by column. */
    private static final class Batch {
        final double[][] numbers;
        final String[][] texts;
        final int[] sizes;
        int rows;

        Batch(final byte[] kinds, final int capacity) {
            numbers = new double[kinds.length][];
            texts = new String[kinds.length][];
            sizes = new int[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == NUMERIC) {
                    numbers[i] = new double[capacity];
                } else if (kinds[i] == CATEGORICAL) {
                    texts[i] = new String[capacity];
                }
            }
        }

        void clear() {
            for (int i = 0; i < sizes.length; i++) {
                if (texts[i] != null) {
                    Arrays.fill(texts[i], 0, sizes[i], null); // let the strings go
                }
                sizes[i] = 0;
            }
            rows = 0;
        }
    }

    /**
     * The second thread: takes full batches, summarises them, and returns them empty. The queues pass each
     * batch between the threads, which also makes the worker's writes visible to the caller after
     * {@link #stop}.
     */
    private final class Worker implements Runnable {
        private final Batch stopSignal = new Batch(new byte[0], 0);
        private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
        private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
        private final Thread thread;
        @CheckForNull private volatile Throwable failure;
        private boolean reported;
        private boolean stopped;

        Worker() {
            for (int i = 1; i < BATCHES; i++) {
                empty.add(new Batch(kinds, batchRows));
            }
            thread = new Thread(this, "mlstages-profiler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            while (true) {
                Batch next;
                try {
                    next = full.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (next == stopSignal) {
                    return;
                }
                if (failure == null) {
                    try {
                        summarise(next);
                    } catch (Throwable e) { // reported to the caller's thread at the next exchange
                        failure = e;
                    }
                }
                next.clear();
                empty.add(next);
            }
        }

        Batch exchange(final Batch done) {
            rethrow();
            try {
                full.put(done);
                return empty.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProfileException("Profiling was interrupted", e);
            }
        }

        void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            full.add(stopSignal);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProfileException("Profiling was interrupted", e);
            }
            rethrow();
        }

        private void rethrow() {
            Throwable problem = failure;
            if (problem == null || reported) {
                return;
            }
            // once: close() after a failed exchange must not throw the same throwable again, which the
            // try-with-resources around it would add to itself as suppressed (IllegalArgumentException)
            reported = true;
            if (problem instanceof RuntimeException) {
                throw (RuntimeException) problem;
            }
            if (problem instanceof Error) {
                throw (Error) problem;
            }
            throw new ProfileException("Profiling failed: " + problem, problem);
        }
    }
}
