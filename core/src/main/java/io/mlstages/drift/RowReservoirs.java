package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.mlstages.data.ColumnType;
import io.mlstages.data.ForwardingRowSource;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Uniform samples of rows taken while the drift check profiles the files, so the domain classifier costs no second
 * read: one reservoir per file (Algorithm R: the i-th row replaces a random kept row with probability k/i), so
 * memory is bounded by the sample size however long the file. A file read again (with the reference's types)
 * starts its reservoir afresh: the last read wins. The rows of several files of one side are combined into one
 * uniform sample of the union.
 */
final class RowReservoirs {
    private final int capacity;
    private final long seed;
    private final Map<Path, Reservoir> byFile = new ConcurrentHashMap<>();

    RowReservoirs(final int capacity, final long seed) {
        this.capacity = capacity;
        this.seed = seed;
    }

    /** Wraps every source {@code observe} wraps, sampling its rows. */
    UnaryOperator<RowSource> observe(final UnaryOperator<RowSource> observe) {
        return source -> {
            RowSource observed = observe.apply(source);
            Path name = observed.file().getFileName();
            // seeded by the file's name, not its folder: the same data gives the same sample wherever it lies
            long salt = name == null ? 0 : name.toString().hashCode();
            Reservoir reservoir = new Reservoir(capacity, new SplittableRandom(seed ^ salt));
            byFile.put(key(observed.file()), reservoir);
            return new ForwardingRowSource(observed) {
                @Override
                public boolean next() {
                    boolean more = super.next();
                    if (more) {
                        reservoir.offer(this);
                    }
                    return more;
                }
            };
        };
    }

    /** One uniform sample of at most the capacity's rows from the union of these files' rows. */
    Sample side(final List<Path> files, final long sideSeed) {
        List<Reservoir> parts = new ArrayList<>();
        for (Path file : new java.util.LinkedHashSet<>(files)) {
            Reservoir part = byFile.get(key(file));
            if (part == null) {
                throw new IllegalStateException("No rows were sampled from " + file);
            }
            parts.add(part);
        }
        SplittableRandom random = new SplittableRandom(sideSeed);
        long[] remaining = new long[parts.size()];
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            remaining[i] = parts.get(i).seen;
            total += remaining[i];
            shuffle(parts.get(i).rows, random);
        }
        // how many rows each file gives: draws without replacement from the union, so the multivariate
        // hypergeometric counts a uniform sample of the union would have
        int[] taken = new int[parts.size()];
        long want = Math.min(capacity, total);
        for (long k = 0; k < want; k++) {
            long pick = (long) (random.nextDouble() * (total - k));
            int i = 0;
            while (pick >= remaining[i]) {
                pick -= remaining[i];
                i++;
            }
            remaining[i]--;
            taken[i]++;
        }
        List<Object[]> rows = new ArrayList<>();
        Schema schema = null;
        for (int i = 0; i < parts.size(); i++) {
            Reservoir part = parts.get(i);
            Schema own = part.schema;
            if (own == null) {
                continue; // a part that read no row has no schema and nothing to add
            }
            schema = schema == null ? own : schema;
            for (Object[] row : part.rows.subList(0, Math.min(taken[i], part.rows.size()))) {
                rows.add(aligned(row, own, schema));
            }
        }
        return new Sample(schema, rows, total);
    }

    /** Fisher-Yates: the reservoir's first rows are in file order, so the rows a file gives must be drawn at random. */
    private static void shuffle(final List<Object[]> rows, final SplittableRandom random) {
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Object[] t = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, t);
        }
    }

    private static Path key(final Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** The row's cells in the order of {@code target}'s columns (the files of one side may order them otherwise). */
    private static Object[] aligned(final Object[] row, final Schema own, final Schema target) {
        if (own == null || own.names().equals(target.names())) {
            return row;
        }
        Object[] out = new Object[target.size()];
        for (int c = 0; c < out.length; c++) {
            int at = own.indexOf(target.column(c).name());
            out[c] = at < 0 ? null : row[at];
        }
        return out;
    }

    /**
     * Sampled rows: a numeric cell is a {@code Double}, any other a {@code String} ("true"/"false" for booleans),
     * a missing cell null.
     *
     * @param schema the columns (null when the side had no rows)
     * @param rows   the rows
     * @param seen   the rows the side had in all
     */
    record Sample(Schema schema, List<Object[]> rows, long seen) {
        Sample {
            rows = List.copyOf(rows);
        }
    }

    private static final class Reservoir {
        private final int capacity;
        private final SplittableRandom random;
        private final List<Object[]> rows = new ArrayList<>();
        @CheckForNull private Schema schema;
        private long seen;

        Reservoir(final int capacity, final SplittableRandom random) {
            this.capacity = capacity;
            this.random = random;
        }

        void offer(final RowSource source) {
            long index = seen++;
            int slot;
            if (index < capacity) {
                slot = -1;
            }
            else {
                long pick = (long) (random.nextDouble() * (index + 1));
                if (pick >= capacity) {
                    return;
                }
                slot = (int) pick;
            }
            Object[] row;
            try {
                row = read(source);
            }
            catch (RuntimeException e) {
                // a malformed cell: the profiler meets it too and fails or skips the row; the sample just leaves it
                seen--;
                return;
            }
            if (slot < 0) {
                rows.add(row);
            }
            else {
                rows.set(slot, row);
            }
        }

        private Object[] read(final RowSource source) {
            if (schema == null) {
                schema = source.schema();
            }
            Object[] row = new Object[schema.size()];
            for (int c = 0; c < row.length; c++) {
                if (source.isMissing(c)) {
                    continue;
                }
                ColumnType type = schema.column(c).type();
                row[c] = type == ColumnType.NUMERIC ? Double.valueOf(source.number(c))
                        : type == ColumnType.BOOLEAN ? Boolean.toString(source.bool(c)) : source.text(c);
            }
            return row;
        }
    }
}
