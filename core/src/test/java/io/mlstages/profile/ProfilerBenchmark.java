package io.mlstages.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.mlstages.data.Column;
import io.mlstages.data.ColumnType;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;

/**
 * Times the profiler alone (no parsing) on 1M rows x 25 columns: 20 numeric, 4 categorical, 1 boolean. Not a
 * unit test: run it with {@code java -cp <test classpath> io.mlstages.profile.ProfilerBenchmark}.
 */
public final class ProfilerBenchmark {
    private ProfilerBenchmark() {
    }

    public static void main(final String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            columns.add(new Column("n" + i, ColumnType.NUMERIC));
        }
        for (int i = 0; i < 4; i++) {
            columns.add(new Column("c" + i, ColumnType.CATEGORICAL));
        }
        columns.add(new Column("b", ColumnType.BOOLEAN));
        Schema schema = new Schema(columns);
        Random random = new Random(1);
        double[] numbers = new double[1 << 16];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = random.nextGaussian();
        }
        String[] labels = new String[50];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = "label-" + i;
        }
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            Profile profile = Profiler.profile(new Synthetic(schema, rows, numbers, labels), ProfileSettings.defaults(),
                    null);
            long elapsed = System.nanoTime() - start;
            System.out.printf("run %d: %d rows x %d columns in %d ms%n", run, profile.rows(), schema.size(),
                    elapsed / 1_000_000);
        }
    }

    /** Rows drawn from fixed pools, so that the timing is the profiler's and not a parser's. */
    private static final class Synthetic implements RowSource {
        private final Schema schema;
        private final int rows;
        private final double[] numbers;
        private final String[] labels;
        private int row = -1;

        Synthetic(final Schema schema, final int rows, final double[] numbers, final String[] labels) {
            this.schema = schema;
            this.rows = rows;
            this.numbers = numbers;
            this.labels = labels;
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
            return ++row < rows;
        }

        @Override
        public long line() {
            return row + 2L;
        }

        @Override
        public boolean isMissing(final int column) {
            return (row * 31 + column) % 97 == 0;
        }

        @Override
        public double number(final int column) {
            return numbers[(row * 7 + column * 131) & (numbers.length - 1)] + column;
        }

        @Override
        public boolean bool(final int column) {
            return (row & 1) == 0;
        }

        @Override
        public String text(final int column) {
            return labels[(row * 13 + column) % labels.length];
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
}
