package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mlstages.data.ReadOptions;

/**
 * Wide data (issue 16) through the real path, CSV file to profile: 6,000 rows x 600 columns (540 numeric of five
 * distributions, 60 categorical of 3 to 400 levels, cells missing here and there), with a small exact limit and
 * k so that every numeric column goes through the sketch's sorted-block path in blocks of the width's size.
 * Every figure is checked against the same data computed directly: counts, missing, extremes and categories
 * exactly, moments to rounding, and every percentile's true rank within the sketch's bound. The profile must
 * also be the same whether one thread or two do the work.
 */
class WideProfileEquivalenceTest {
    private static final int ROWS = 6_000;
    private static final int COLUMNS = 600;
    private static final ProfileSettings SETTINGS = new ProfileSettings(200, 20, 100, 500);

    @TempDir
    Path dir;

    @Test
    void shouldProfileSixHundredColumnsAsTheirValuesComputedDirectly() throws IOException {
        double[][] numbers = new double[COLUMNS][ROWS];
        String[][] texts = new String[COLUMNS][ROWS];
        Path file = write(numbers, texts);

        Profile profile = Profiles.of(file, ReadOptions.defaults(), SETTINGS);

        assertThat(profile.rows()).isEqualTo(ROWS);
        assertThat(profile.columns().size()).isEqualTo(COLUMNS);
        for (int c = 0; c < COLUMNS; c++) {
            ColumnProfile column = profile.columns().get(c);
            if (categorical(c)) {
                checkCategories(column, texts[c]);
            } else {
                checkNumbers(column, numbers[c]);
            }
        }
    }

    @Test
    void shouldGiveTheSameWideProfileOnOneThreadAndOnTwo() throws IOException {
        Path file = write(new double[COLUMNS][ROWS], new String[COLUMNS][ROWS]);
        try (io.mlstages.data.RowSource first = io.mlstages.data.DataReader.openOnCallerThread(file,
                ReadOptions.defaults());
                io.mlstages.data.RowSource second = io.mlstages.data.DataReader.openOnCallerThread(file,
                        ReadOptions.defaults())) {
            Profile threaded = run(first, true);
            Profile inline = run(second, false);
            assertThat(threaded.columns()).isEqualTo(inline.columns());
        }
    }

    private static Profile run(final io.mlstages.data.RowSource source, final boolean threaded) {
        try (Profiler profiler = new Profiler(source.schema(), SETTINGS, threaded)) {
            while (source.next()) {
                profiler.add(source);
            }
            return profiler.finish(java.util.List.of(new Profile.Source("wide.csv", null, profiler.rows())));
        }
    }

    private static void checkNumbers(final ColumnProfile column, final double[] values) {
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        NumericSummary summary = column.numeric();
        assertThat(summary).as(column.name()).isNotNull();
        assertThat(column.missing()).as(column.name()).isEqualTo(values.length - finite.length);
        assertThat(summary.finite()).isEqualTo(finite.length);
        assertThat(summary.min()).isEqualTo(finite[0]);
        assertThat(summary.max()).isEqualTo(finite[finite.length - 1]);
        double mean = Arrays.stream(finite).average().orElseThrow();
        assertThat(summary.mean()).as(column.name()).isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
        double squares = Arrays.stream(finite).map(v -> (v - mean) * (v - mean)).sum();
        double std = Math.sqrt(squares / (finite.length - 1));
        assertThat(summary.std()).as(column.name()).isCloseTo(std, within(1e-9 * Math.max(1, std)));
        assertThat(summary.isExact()).isFalse(); // past the exact limit: the sketch answers
        double bound = QuantileSketch.normalizedRankError(SETTINGS.sketchK());
        double[] ranks = new double[99];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = (i + 1) / 100.0;
        }
        double[] quantiles = summary.quantiles(ranks);
        for (int i = 0; i < ranks.length; i++) {
            double below = (double) NumericSummary.countAtMost(finite, Math.nextDown(quantiles[i])) / finite.length;
            double atMost = (double) NumericSummary.countAtMost(finite, quantiles[i]) / finite.length;
            double error = ranks[i] < below ? below - ranks[i] : ranks[i] > atMost ? ranks[i] - atMost : 0;
            assertThat(error).as("%s at rank %.2f", column.name(), ranks[i]).isLessThanOrEqualTo(bound);
        }
    }

    private static void checkCategories(final ColumnProfile column, final String[] values) {
        Map<String, Long> counts = new HashMap<>();
        long missing = 0;
        for (String value : values) {
            if (value == null) {
                missing++;
            } else {
                counts.merge(value, 1L, Long::sum);
            }
        }
        CategorySummary summary = column.categories();
        assertThat(summary).as(column.name()).isNotNull();
        assertThat(column.missing()).as(column.name()).isEqualTo(missing);
        assertThat(summary.distinct()).as(column.name()).isEqualTo(counts.size());
        assertThat(summary.total()).as(column.name()).isEqualTo(values.length - missing);
        for (CategorySummary.Count count : summary.top()) {
            assertThat(count.count()).as("%s = %s", column.name(), count.value()).isEqualTo(counts.get(count.value()));
        }
    }

    private static boolean categorical(final int column) {
        return column % 10 == 9;
    }

    /** Writes the CSV and fills the arrays with what each cell means (NaN or null for a missing cell). */
    private Path write(final double[][] numbers, final String[][] texts) throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        Path file = dir.resolve("wide.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 0; c < COLUMNS; c++) {
                out.write((c == 0 ? "" : ",") + (categorical(c) ? "cat_" : "num_") + c);
            }
            out.write('\n');
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    if (c > 0) {
                        out.write(',');
                    }
                    boolean missing = r > 0 && random.nextInt(50) == 0; // the first row types every column
                    if (categorical(c)) {
                        int levels = 3 + (c * 37) % 398;
                        String value = missing ? null : "c" + c + "_" + (int) Math.min(levels - 1,
                                Math.floor(levels * Math.pow(random.nextDouble(), 3)));
                        texts[c][r] = value;
                        out.write(value == null ? "" : value);
                    } else if (missing) {
                        numbers[c][r] = Double.NaN;
                    } else {
                        double value = switch (c % 5) {
                            case 0 -> 50 + 10 * random.nextGaussian();
                            case 1 -> Math.exp(3 + 0.8 * random.nextGaussian());
                            case 2 -> -2 * Math.log(1 - random.nextDouble());
                            case 3 -> random.nextDouble();
                            default -> (double) random.nextInt(20); // many ties
                        };
                        String text = Double.toString(value);
                        numbers[c][r] = Double.parseDouble(text);
                        out.write(text);
                    }
                }
                out.write('\n');
            }
        }
        return file;
    }
}
