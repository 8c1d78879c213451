package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ForwardingRowSource;
import io.mlstages.data.RowSource;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Wraps a {@link RowSource} to report reading progress on stderr. It stays silent for reads that finish
 * within the first interval, so short commands print nothing extra, and it prints whole lines (no carriage
 * returns), which read well both in a terminal and in a Jenkins console log.
 */
final class Progress extends ForwardingRowSource {
    private static final long INTERVAL_NANOS = 2_000_000_000L;
    private static final int CHECK_EVERY_ROWS = 65_536;

    private final RowSource source;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private long rows;

    private Progress(final RowSource source, final PrintWriter err) {
        super(source);
        this.source = source;
        this.err = err;
    }

    /** The source, reporting on {@code err} unless it is null (quiet). */
    static RowSource of(final RowSource source, @CheckForNull final PrintWriter err) {
        if (err == null) {
            return source;
        }
        if (!source.warnings().isEmpty()) {
            synchronized (err) {
                source.warnings().forEach(warning -> err.println("warning: " + warning));
                err.flush();
            }
        }
        return new Progress(source, err);
    }

    @Override
    public boolean next() {
        boolean more = source.next();
        if (more && ++rows % CHECK_EVERY_ROWS == 0) {
            long now = System.nanoTime();
            if (now - lastReport >= INTERVAL_NANOS) {
                lastReport = now;
                report(now);
            }
        }
        return more;
    }

    /** Values read by column count as rows once a value of every column has passed. */
    @Override
    public long readByColumn(final IntConsumer cell) {
        long columns = Math.max(1, source.schema().size());
        long[] cells = {0};
        return source.readByColumn(column -> {
            cell.accept(column);
            if (++cells[0] % CHECK_EVERY_ROWS == 0) {
                long now = System.nanoTime();
                if (now - lastReport >= INTERVAL_NANOS) {
                    lastReport = now;
                    rows = cells[0] / columns;
                    report(now);
                }
            }
        });
    }

    private void report(final long now) {
        long size = source.size();
        double seconds = (now - start) / 1e9;
        String done = size > 0
                ? String.format(Locale.ROOT, "%.0f%% (%s of %s)", 100.0 * source.position() / size,
                        megabytes(source.position()), megabytes(size))
                : megabytes(source.position());
        synchronized (err) {
            err.printf(Locale.ROOT, "reading %s: %s, %,d rows, %.0f s%n", source.file().getFileName(), done, rows,
                    seconds);
            err.flush();
        }
    }

    private static String megabytes(final long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
