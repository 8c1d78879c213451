package io.mlstages.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads on a second thread: a producer runs a {@link TabularSource} (decoding, CSV or JSON parsing, number
 * parsing) and hands rows over in batches, so the caller's work on one batch overlaps the parsing of the next.
 * A fixed ring of batches bounds memory. Rows, values and errors come out exactly as the sequential source gives
 * them: an error is raised when the caller reaches the row where it happened.
 */
final class PipelinedSource implements RowSource {
    private static final int BATCHES = 4;
    /** Cells per batch: enough to make the hand-over cost negligible, little enough to stay in cache. */
    private static final int BATCH_CELLS = 64 * 1024;

    private final TabularSource source;
    private final Path file;
    private final Schema schema;
    private final int width;
    private final long size;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
    private final Thread producer;
    private final NumberParser parser = new NumberParser();
    private final TextCache texts;

    private volatile boolean closed;
    private Batch batch;
    private int row;
    private int base;
    private boolean done;
    private String sha256;

    PipelinedSource(final TabularSource source) {
        this.source = source;
        this.file = source.file();
        this.schema = source.schema();
        this.width = schema.size();
        this.size = source.size();
        this.texts = new TextCache(width);
        int rows = Math.max(16, BATCH_CELLS / Math.max(1, width));
        for (int i = 0; i < BATCHES; i++) {
            empty.add(new Batch(rows, width));
        }
        producer = new Thread(this::produce, "mlstages-read " + file.getFileName());
        producer.setDaemon(true);
        producer.start();
    }

    private void produce() {
        try {
            boolean last = false;
            while (!last && !closed) {
                Batch next = empty.take();
                next.clear();
                try {
                    while (next.rows < next.capacity) {
                        if (!source.next()) {
                            next.last = true;
                            next.sha256 = source.sha256IfRead();
                            break;
                        }
                        next.add(source);
                    }
                } catch (Throwable error) { // handed to the caller, who meets it at the row it belongs to
                    next.failure = error;
                    next.last = true;
                }
                next.position = source.position();
                last = next.last;
                full.put(next);
            }
        } catch (InterruptedException e) {
            // closed by the caller: stop reading
        } finally {
            source.close();
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        if (batch != null) {
            row++;
            if (row < batch.rows) {
                base = row * width;
                return true;
            }
            Batch finished = batch;
            batch = null;
            if (finished.last) {
                return end(finished);
            }
            empty.add(finished);
        }
        Batch next = take();
        if (next.rows == 0) {
            return end(next);
        }
        batch = next;
        row = 0;
        base = 0;
        return true;
    }

    private Batch take() {
        try {
            return full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(file, 0, null, "reading was interrupted", e);
        }
    }

    private boolean end(final Batch last) {
        done = true;
        sha256 = last.sha256;
        Throwable failure = last.failure;
        if (failure == null) {
            return false;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new DataException(file, 0, null, "cannot be read: " + failure, failure);
    }

    @Override
    public long line() {
        return batch == null ? 0 : batch.lines[row];
    }

    @Override
    public boolean isMissing(final int column) {
        checkRow();
        return batch.missing[base + column];
    }

    @Override
    public double number(final int column) {
        checkRow();
        checkPresent(column);
        if (source.types[column] == ColumnType.NUMERIC) {
            return batch.numbers[base + column];
        }
        int[] range = TabularSource.trimmed(batch.chars, batch.starts[base + column], batch.ends[base + column]);
        double value = parser.parse(batch.chars, range[0], range[1]);
        if (!parser.valid()) {
            throw TabularSource.badValue(file, line(), schema.column(column).name(), source.origins[column],
                    batch.chars, range[0], range[1], "a number");
        }
        return value;
    }

    @Override
    public boolean bool(final int column) {
        checkRow();
        checkPresent(column);
        if (source.types[column] == ColumnType.BOOLEAN) {
            return batch.bools[base + column];
        }
        int[] range = TabularSource.trimmed(batch.chars, batch.starts[base + column], batch.ends[base + column]);
        int value = TabularSource.Guess.bool(batch.chars, range[0], range[1]);
        if (value < 0) {
            throw TabularSource.badValue(file, line(), schema.column(column).name(), source.origins[column],
                    batch.chars, range[0], range[1], "a boolean (true/false, yes/no, y/n, t/f or 1/0)");
        }
        return value == 1;
    }

    @Override
    public String text(final int column) {
        checkRow();
        int start = batch.starts[base + column];
        return start < 0 ? "" : texts.text(column, batch.chars, start, batch.ends[base + column]);
    }

    private void checkRow() {
        if (batch == null) {
            throw new IllegalStateException("no current row: call next() first and check that it returned true");
        }
    }

    private void checkPresent(final int column) {
        if (batch.missing[base + column]) {
            throw new IllegalStateException("column '" + schema.column(column).name() + "' is missing on line "
                    + line() + ": check isMissing first");
        }
    }

    @Override
    public long position() {
        return batch == null ? (done ? size : 0) : batch.position;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String sha256() {
        if (sha256 == null) {
            sha256 = DataReader.sha256(file);
        }
        return sha256;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        producer.interrupt();
        try {
            producer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rows copied out of the source: per-cell flags and values, and the cells' text. */
    private static final class Batch {
        final int capacity;
        final int width;
        final long[] lines;
        final boolean[] missing;
        final double[] numbers;
        final boolean[] bools;
        final int[] starts;
        final int[] ends;
        char[] chars = new char[64 * 1024];
        int used;
        int rows;
        boolean last;
        Throwable failure;
        long position;
        String sha256;

        Batch(final int capacity, final int width) {
            this.capacity = capacity;
            this.width = width;
            lines = new long[capacity];
            missing = new boolean[capacity * width];
            numbers = new double[capacity * width];
            bools = new boolean[capacity * width];
            starts = new int[capacity * width];
            ends = new int[capacity * width];
        }

        void clear() {
            rows = 0;
            used = 0;
            last = false;
            failure = null;
            sha256 = null;
        }

        void add(final TabularSource source) {
            int offset = rows * width;
            System.arraycopy(source.missing, 0, missing, offset, width);
            System.arraycopy(source.numbers, 0, numbers, offset, width);
            System.arraycopy(source.bools, 0, bools, offset, width);
            lines[rows] = source.line();
            // a row's cells are contiguous in the source's buffer: copy the span once
            int low = Integer.MAX_VALUE;
            int high = 0;
            int[] rowStarts = source.starts;
            int[] rowEnds = source.ends;
            for (int i = 0; i < width; i++) {
                if (rowStarts[i] >= 0) {
                    low = Math.min(low, rowStarts[i]);
                    high = Math.max(high, rowEnds[i]);
                }
            }
            if (low > high) {
                low = high;
            }
            int length = high - low;
            if (used + length > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
            }
            System.arraycopy(source.chars, low, chars, used, length);
            int shift = used - low;
            for (int i = 0; i < width; i++) {
                int start = rowStarts[i];
                if (start < 0) {
                    starts[offset + i] = -1;
                    ends[offset + i] = -1;
                } else {
                    starts[offset + i] = start + shift;
                    ends[offset + i] = rowEnds[i] + shift;
                }
            }
            used += length;
            rows++;
        }
    }
}
