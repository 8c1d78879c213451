package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads on a second thread. A producer decodes and splits the file into raw rows (a {@link TabularSource}
 * without typing) and hands them over in batches; each batch is then typed (missing cells found, numbers parsed)
 * by whichever thread gets to it first: the caller when it takes the batch, or the producer when the caller has
 * not taken it by the time the next batch is split. A busy caller so leaves all the work to the producer, an
 * idle one shares it. A fixed ring of batches
 * bounds memory. Rows, values and errors come out exactly as the sequential source gives them: an error is raised
 * when the caller reaches the row where it happened.
 */
final class PipelinedSource implements RowSource {
    private static final int BATCHES = 4;
    /** Cells per batch: enough to make the hand-over cost negligible, little enough to stay in cache. */
    private static final int BATCH_CELLS = 64 * 1024;
    private static final int RAW = 0;
    private static final int CLAIMED = 1;
    private static final int TYPED = 2;

    private final TabularSource source;
    private final Path file;
    private final Schema schema;
    private final int width;
    private final long size;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
    private final Thread producer;
    private final RowTyper producerTyper;
    private final RowTyper typer;
    private final TextCache texts;

    private volatile boolean closed;
    @CheckForNull private Batch batch;
    private int row;
    private int base;
    private boolean done;
    @CheckForNull private String sha256;

    PipelinedSource(final TabularSource source) {
        this.source = source;
        this.file = source.file();
        this.schema = source.schema();
        this.width = schema.size();
        this.size = source.size();
        this.texts = new TextCache(width);
        this.typer = source.typer;
        this.producerTyper = source.typer.copy();
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
            Batch pending = null; // queued, maybe not yet typed
            while (!last && !closed) {
                if (pending != null && empty.isEmpty()) {
                    claim(pending); // about to wait for the caller: do its typing meanwhile
                    pending = null;
                }
                Batch next = empty.take();
                next.clear();
                try {
                    while (next.rows < next.capacity) {
                        if (!source.nextRaw()) {
                            next.last = true;
                            next.sha256 = source.sha256IfRead();
                            break;
                        }
                        next.add(source);
                    }
                } catch (Throwable error) { // handed to the caller, who meets it after the rows before it
                    next.failure = error;
                    next.last = true;
                }
                if (pending != null) {
                    // the caller has not taken the previous batch while this one was split: it is busy, so
                    // type that batch here; an idle caller would have taken and typed it already
                    claim(pending);
                }
                next.position = source.position();
                last = next.last;
                full.put(next);
                pending = next;
            }
        } catch (InterruptedException e) {
            // closed by the caller: stop reading
        } finally {
            source.close();
        }
    }

    private void claim(final Batch target) {
        if (target.state.compareAndSet(RAW, CLAIMED)) {
            typeBatch(target, producerTyper);
        }
    }

    /** Types every row of a claimed batch, stopping at the first bad cell, then publishes the batch. */
    private static void typeBatch(final Batch target, final RowTyper rowTyper) {
        try {
            for (int r = 0; r < target.rows; r++) {
                int offset = r * target.width;
                try {
                    rowTyper.type(target.chars, target.starts, target.ends, offset, target.missing, target.numbers,
                            target.bools, offset, target.lines[r], target.parsed, target.values);
                } catch (RuntimeException error) {
                    target.typingFailure = error;
                    target.failedRow = r;
                    break;
                }
            }
        } finally {
            synchronized (target) {
                target.state.set(TYPED);
                target.notifyAll();
            }
        }
    }

    /** Types the batch here unless the producer has claimed it, in which case waits for it (microseconds). */
    private void ensureTyped(final Batch target) {
        if (target.state.compareAndSet(RAW, CLAIMED)) {
            typeBatch(target, typer);
            return;
        }
        for (int spins = 0; spins < 2_000 && target.state.get() != TYPED; spins++) {
            Thread.onSpinWait();
        }
        synchronized (target) {
            while (target.state.get() != TYPED) {
                try {
                    target.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DataException(file, 0, null, "reading was interrupted", e);
                }
            }
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
                return enter();
            }
            Batch finished = batch;
            batch = null;
            if (finished.last) {
                return end(finished.failure, finished.sha256);
            }
            empty.add(finished);
        }
        Batch next = take();
        ensureTyped(next);
        if (next.rows == 0) {
            return end(next.failure, next.sha256);
        }
        batch = next;
        row = 0;
        return enter();
    }

    /** Makes {@link #row} of {@link #batch} current, unless typing failed there. */
    private boolean enter() {
        Batch batch = Objects.requireNonNull(this.batch, "a row is entered only in a batch");
        if (row == batch.failedRow) {
            Throwable failure = batch.typingFailure;
            this.batch = null;
            return end(failure, null);
        }
        base = row * width;
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

    private boolean end(@CheckForNull final Throwable failure, @CheckForNull final String digest) {
        done = true;
        sha256 = digest;
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
        Batch batch = current();
        return batch.missing[base + column];
    }

    @Override
    public double number(final int column) {
        Batch batch = current();
        checkPresent(column);
        if (typer.type(column) == ColumnType.NUMERIC) {
            return batch.numbers[base + column];
        }
        return typer.number(batch.chars, batch.starts[base + column], batch.ends[base + column], line(), column);
    }

    @Override
    public boolean bool(final int column) {
        Batch batch = current();
        checkPresent(column);
        if (typer.type(column) == ColumnType.BOOLEAN) {
            return batch.bools[base + column];
        }
        return typer.bool(batch.chars, batch.starts[base + column], batch.ends[base + column], line(), column);
    }

    @Override
    public String text(final int column) {
        Batch batch = current();
        int start = batch.starts[base + column];
        return start < 0 ? "" : texts.text(column, batch.chars, start, batch.ends[base + column]);
    }

    private Batch current() {
        if (batch == null) {
            throw new IllegalStateException("no current row: call next() first and check that it returned true");
        }
        return batch;
    }

    private void checkPresent(final int column) {
        if (current().missing[base + column]) {
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

    /** Raw rows copied out of the source, then their flags and values once typed. */
    private static final class Batch {
        final int capacity;
        final int width;
        final AtomicInteger state = new AtomicInteger(RAW);
        final long[] lines;
        final boolean[] missing;
        final double[] numbers;
        final boolean[] bools;
        final int[] starts;
        final int[] ends;
        /** Cells the cursor parsed already, and their values (see {@link RowCursor#parsed}). */
        final boolean[] parsed;
        final double[] values;
        char[] chars = new char[64 * 1024];
        int used;
        int rows;
        boolean last;
        @CheckForNull Throwable failure;
        @CheckForNull RuntimeException typingFailure;
        int failedRow;
        long position;
        @CheckForNull String sha256;

        Batch(final int capacity, final int width) {
            this.capacity = capacity;
            this.width = width;
            lines = new long[capacity];
            missing = new boolean[capacity * width];
            numbers = new double[capacity * width];
            bools = new boolean[capacity * width];
            starts = new int[capacity * width];
            ends = new int[capacity * width];
            parsed = new boolean[capacity * width];
            values = new double[capacity * width];
        }

        void clear() {
            state.set(RAW);
            rows = 0;
            used = 0;
            last = false;
            failure = null;
            typingFailure = null;
            failedRow = -1;
            sha256 = null;
        }

        void add(final TabularSource source) {
            source.fillChars(); // the batch copies the row's text
            int offset = rows * width;
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
            if (source.parsed != null) {
                System.arraycopy(source.parsed, 0, parsed, offset, width);
                System.arraycopy(source.values, 0, values, offset, width);
            } else {
                java.util.Arrays.fill(parsed, offset, offset + width, false);
            }
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
