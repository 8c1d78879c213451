package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Applies {@link ReadOptions#onBadRows()} while one file is read: in fail mode it lets every error through; in
 * skip mode it drops the rows whose problem the cursor can confine to them, counts and logs them, and at the end
 * fails the read when they are more than {@link ReadOptions#maxBadRowsShare()} of the rows.
 */
final class BadRowCounter {
    private final Path file;
    private final boolean skip;
    private final double maxShare;
    /** Where skipped rows are logged, or null. */
    @CheckForNull private final BadRowLog log;
    private long count;
    @CheckForNull private DataException first;

    BadRowCounter(final Path file, final ReadOptions options) {
        this(file, options.onBadRows() == OnBadRows.SKIP, options.maxBadRowsShare(), options.badRowLog());
    }

    private BadRowCounter(final Path file, final boolean skip, final double maxShare, @CheckForNull final BadRowLog log) {
        this.file = file;
        this.skip = skip;
        this.maxShare = maxShare;
        this.log = log;
    }

    /** The same policy with its own count and no log, for a pass whose rows are read again later. */
    BadRowCounter silent() {
        return new BadRowCounter(file, skip, maxShare, null);
    }

    boolean skips() {
        return skip;
    }

    /** The rows skipped so far. */
    long count() {
        return count;
    }

    /**
     * Advances the cursor to the next good row, skipping bad ones in skip mode.
     *
     * @throws DataException in fail mode, or for a problem the cursor cannot confine to its row
     */
    boolean advance(final RowCursor cursor) {
        while (true) {
            try {
                return cursor.advance();
            } catch (DataException e) {
                if (!skip || !cursor.skipRow()) {
                    throw e;
                }
                record(e);
            }
        }
    }

    /** Counts a row whose cells did not fit their columns, or throws the error in fail mode. */
    void skipOrThrow(final DataException problem) {
        if (!skip) {
            throw problem;
        }
        record(problem);
    }

    private void record(final DataException problem) {
        count++;
        if (first == null) {
            first = problem;
        }
        if (log != null) {
            log.add(problem);
        }
    }

    /**
     * At the end of the file: fails when the skipped rows are more than the allowed share of all rows.
     *
     * @param good the rows read without a problem
     */
    void checkShare(final long good) {
        if (count == 0) {
            return;
        }
        DataException first = Objects.requireNonNull(this.first, "a skipped row was recorded");
        double share = count / (double) (count + good);
        if (share > maxShare) {
            throw new DataException(file, 0, null, String.format(Locale.ROOT,
                    "%d of %d rows (%s) are malformed, more than the %s that --max-bad-rows-share allows; the first, "
                            + "line %d: %s", count, count + good, percent(share), percent(maxShare), first.line(),
                    first.problem()));
        }
    }

    /** The error for a file whose rows were all skipped. */
    DataException allBad() {
        DataException first = Objects.requireNonNull(this.first, "a skipped row was recorded");
        return new DataException(file, 0, null, String.format(Locale.ROOT,
                "every row is malformed (%d skipped); the first, line %d: %s", count, first.line(), first.problem()));
    }

    private static String percent(final double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }
}
