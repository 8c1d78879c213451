package io.mlstages.drift;

import io.mlstages.data.Column;
import io.mlstages.data.ColumnType;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic rows drawn on the fly from seeded generators (nothing is held but the current row), so that tests
 * can profile a million rows without a file.
 */
final class GeneratedRows implements RowSource {

    /** Draws one cell: a Double (numeric), a String (categorical), a Boolean, or null for a missing cell. */
    @FunctionalInterface
    interface Cell {
        Object draw(SplittableRandom random);
    }

    /** A column to generate. */
    record Spec(String name, ColumnType type, Cell cell) {
    }

    private final Schema schema;
    private final Cell[] cells;
    private final long rows;
    private final SplittableRandom random;
    private final Object[] current;
    private long row;

    GeneratedRows(final List<Spec> specs, final long rows, final long seed) {
        List<Column> columns = new ArrayList<>();
        cells = new Cell[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            columns.add(new Column(specs.get(i).name(), specs.get(i).type()));
            cells[i] = specs.get(i).cell();
        }
        schema = new Schema(columns);
        this.rows = rows;
        random = new SplittableRandom(seed);
        current = new Object[specs.size()];
    }

    /** Profiles {@code rows} generated rows. */
    static Profile profile(final List<Spec> specs, final long rows, final long seed, final ProfileSettings settings) {
        try (GeneratedRows source = new GeneratedRows(specs, rows, seed)) {
            return Profiler.profile(source, settings, null);
        }
    }

    /** A numeric spec. */
    static Spec numeric(final String name, final Cell cell) {
        return new Spec(name, ColumnType.NUMERIC, cell);
    }

    /** A categorical spec. */
    static Spec categorical(final String name, final Cell cell) {
        return new Spec(name, ColumnType.CATEGORICAL, cell);
    }

    /** A boolean spec. */
    static Spec bool(final String name, final Cell cell) {
        return new Spec(name, ColumnType.BOOLEAN, cell);
    }

    /** Normal values. */
    static Cell normal(final double mean, final double std) {
        return random -> mean + std * gaussian(random);
    }

    /** Levels drawn with the given weights (need not sum to 1); level i is named "L" + i. */
    static Cell levels(final double... weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        double total = sum;
        String[] names = new String[weights.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "L" + i;
        }
        return random -> {
            double u = random.nextDouble() * total;
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (cumulative[mid] > u) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return names[low];
        };
    }

    /** A cell missing with the given probability, else drawn from the inner cell. */
    static Cell sometimesMissing(final double probability, final Cell inner) {
        return random -> random.nextDouble() < probability ? null : inner.draw(random);
    }

    /** A standard normal deviate (Box–Muller; SplittableRandom has no nextGaussian before Java 17's default). */
    static double gaussian(final SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public Path file() {
        return null;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public boolean next() {
        if (row >= rows) {
            return false;
        }
        row++;
        for (int i = 0; i < cells.length; i++) {
            current[i] = cells[i].draw(random);
        }
        return true;
    }

    @Override
    public long line() {
        return row + 1;
    }

    @Override
    public boolean isMissing(final int column) {
        return current[column] == null;
    }

    @Override
    public double number(final int column) {
        return (Double) current[column];
    }

    @Override
    public boolean bool(final int column) {
        return (Boolean) current[column];
    }

    @Override
    public String text(final int column) {
        return String.valueOf(current[column]);
    }

    @Override
    public long position() {
        return row;
    }

    @Override
    public long size() {
        return -1;
    }

    @Override
    public void close() {
    }
}
