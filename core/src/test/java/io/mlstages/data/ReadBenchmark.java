package io.mlstages.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a test: a manual throughput measurement. Generates a CSV of {@code rows} x 25 columns (20 numeric, 5
 * categorical) unless it exists, then reads it fully, touching every cell, and prints the time.
 *
 * <pre>java -cp core/target/classes:core/target/test-classes:DEPS io.mlstages.data.ReadBenchmark /tmp/bench.csv 1000000 [digits]</pre>
 *
 * {@code digits} 6 writes values like 12.345678; 17 writes shortest round-trip doubles (as pandas' to_csv does).
 */
public final class ReadBenchmark {
    private ReadBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/bench.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int digits = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        if (!Files.exists(file)) {
            generate(file, rows, digits);
        }
        System.out.printf(Locale.ROOT, "%s: %.1f MB%n", file, Files.size(file) / 1e6);
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            double sum = 0;
            long texts = 0;
            long missing = 0;
            long count = 0;
            try (RowSource source = DataReader.open(file, ReadOptions.defaults())) {
                int width = source.schema().size();
                ColumnType[] types = new ColumnType[width];
                for (int i = 0; i < width; i++) {
                    types[i] = source.schema().column(i).type();
                }
                while (source.next()) {
                    count++;
                    for (int i = 0; i < width; i++) {
                        if (source.isMissing(i)) {
                            missing++;
                        } else if (types[i] == ColumnType.NUMERIC) {
                            double value = source.number(i);
                            sum += value;
                        } else {
                            texts += source.text(i).length();
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                        - cpuStart) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: %d rows in %.2f s wall, %.2f s cpu (%.0f MB/s, %.2f M rows/s) sum=%.3g "
                        + "texts=%d missing=%d sha=%s%n", round, count, seconds, cpu, source.size() / 1e6 / seconds,
                        count / 1e6 / seconds, sum, texts, missing, source.sha256().substring(0, 12));
            }
        }
    }

    private static void generate(final Path file, final int rows, final int digits) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        String[] labels = {"red", "green", "blue", "yellow", "black", "white", "cyan", "magenta"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < 25; c++) {
                line.append(c == 0 ? "" : ",").append(c < 20 ? "num" + c : "cat" + (c - 20));
            }
            out.write(line.append('\n').toString());
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < 25; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    if (random.nextInt(100) == 0) {
                        continue; // 1% missing
                    }
                    if (c < 20) {
                        double value = random.nextGaussian() * (c + 1) * 10 + c;
                        if (c % 5 == 0) {
                            line.append((long) value);
                        } else if (digits >= 17) {
                            line.append(value);
                        } else {
                            line.append(String.format(Locale.ROOT, "%." + digits + "f", value));
                        }
                    } else {
                        line.append(labels[random.nextInt(c == 24 ? labels.length : 4)]);
                    }
                }
                out.write(line.append('\n').toString());
            }
        }
    }
}
