package io.mlstages.data;

import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** Not a test: times each stage of a CSV read, to see where the time goes. */
public final class StageBenchmark {
    private StageBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        Path file = Path.of(args[0]);
        for (int round = 0; round < 4; round++) {
            long t = cpu();
            try (TextInput input = TextInput.open(file, "x"); Reader reader = input.reader()) {
                char[] buffer = new char[65536];
                long chars = 0;
                int n;
                while ((n = reader.read(buffer, 0, buffer.length)) > 0) {
                    chars += n;
                }
                System.out.printf("decode+sha: %.2f s (%d chars)%n", (cpu() - t) / 1e9, chars);
            }
            t = cpu();
            try (CsvCursor cursor = new CsvCursor(file, TextInput.open(file, "x"), ',')) {
                long rows = 0;
                while (cursor.advance()) {
                    rows++;
                }
                System.out.printf("+fastcsv+copy: %.2f s (%d rows)%n", (cpu() - t) / 1e9, rows);
            }
            t = cpu();
            try (ByteCsvCursor cursor = new ByteCsvCursor(file, TextInput.open(file, "x"), ',')) {
                long rows = 0;
                while (cursor.advance()) {
                    rows++;
                }
                System.out.printf("bytes split+sha: %.2f s (%d rows)%n", (cpu() - t) / 1e9, rows);
            }
            t = cpu();
            try (RowSource source = DataReader.open(file, ReadOptions.defaults(), Long.MAX_VALUE)) {
                long rows = 0;
                while (source.next()) {
                    rows++;
                }
                System.out.printf("+typing: %.2f s (%d rows)%n", (cpu() - t) / 1e9, rows);
            }
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
