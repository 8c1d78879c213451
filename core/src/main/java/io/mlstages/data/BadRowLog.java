package io.mlstages.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the rows that {@link OnBadRows#SKIP} dropped, over every file read with the same {@link ReadOptions}:
 * it counts all of them but keeps only the first {@link #limit()}, so a file full of bad rows cannot fill the
 * memory or the report. Thread-safe: a command may read several files at once.
 */
public final class BadRowLog {
    /** How many rows a log keeps by default. */
    public static final int DEFAULT_LIMIT = 20;

    private final int limit;
    private final List<BadRows.Row> rows = new ArrayList<>();
    private long total;

    /** A log that keeps the first {@code limit} rows (and counts the rest). */
    public BadRowLog(final int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the bad-row log's limit must not be negative, not " + limit);
        }
        this.limit = limit;
    }

    /** A log that keeps the first {@value #DEFAULT_LIMIT} rows. */
    public BadRowLog() {
        this(DEFAULT_LIMIT);
    }

    /** How many rows it keeps. */
    public int limit() {
        return limit;
    }

    /** Counts a skipped row, and keeps it while fewer than {@link #limit()} are kept. */
    public synchronized void add(final DataException problem) {
        total++;
        if (rows.size() < limit) {
            Path file = problem.file();
            rows.add(new BadRows.Row(file == null ? "<input>" : file.toString(), problem.line(),
                    problem.column(), problem.problem()));
        }
    }

    /** Counts the rows of another read, keeping them while fewer than {@link #limit()} are kept. */
    public synchronized void addAll(final BadRows other) {
        total += other.total();
        for (BadRows.Row row : other.rows()) {
            if (rows.size() < limit) {
                rows.add(row);
            }
        }
    }

    /**
     * What it holds now, the rows by file (in the order the files were met) and line: the order they were met in
     * differs, since a row's structure is checked while the column types are inferred and its values only after.
     */
    public synchronized BadRows snapshot() {
        Map<String, Integer> files = new HashMap<>();
        for (BadRows.Row row : rows) {
            files.putIfAbsent(row.file(), files.size());
        }
        List<BadRows.Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((BadRows.Row row) -> files.get(row.file()))
                .thenComparingLong(BadRows.Row::line));
        return new BadRows(total, sorted);
    }
}
