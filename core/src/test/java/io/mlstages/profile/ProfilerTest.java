package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

import io.mlstages.data.Column;
import io.mlstages.data.ColumnType;
import io.mlstages.data.DataException;
import io.mlstages.data.Schema;

class ProfilerTest {
    private static final Schema SCHEMA = new Schema(List.of(new Column("x", ColumnType.NUMERIC),
            new Column("city", ColumnType.CATEGORICAL), new Column("ok", ColumnType.BOOLEAN)));

    private static Profile profile(final List<String[]> rows, final ProfileSettings settings) {
        return Profiler.profile(new InMemoryRows(SCHEMA, rows), settings, null);
    }

    @Test
    void shouldCountMissingAndKeepNaNAndInfinitiesOutOfTheMoments() {
        List<String[]> rows = List.of(
                new String[] {"1", "Paris", "true"},
                new String[] {"NA", "Oslo", "false"},
                new String[] {"NaN", "", "true"},
                new String[] {"Infinity", "Paris", "NA"},
                new String[] {"-Infinity", "Paris", "true"},
                new String[] {"3", "Rome", "false"},
                new String[] {"2", "Oslo", "true"});

        Profile profile = profile(rows, ProfileSettings.defaults());

        ColumnProfile x = profile.column("x").orElseThrow();
        NumericSummary numbers = x.numeric();
        assertThat(profile.rows()).isEqualTo(7);
        assertThat(x.count()).isEqualTo(7);
        assertThat(x.missing()).isEqualTo(1);
        assertThat(numbers.finite()).isEqualTo(3);
        assertThat(numbers.nan()).isEqualTo(1);
        assertThat(numbers.positiveInfinity()).isEqualTo(1);
        assertThat(numbers.negativeInfinity()).isEqualTo(1);
        assertThat(numbers.min()).isEqualTo(1);
        assertThat(numbers.max()).isEqualTo(3);
        assertThat(numbers.mean()).isEqualTo(2);
        assertThat(numbers.std()).isEqualTo(1);
        assertThat(numbers.values()).containsExactly(1, 2, 3);
        assertThat(numbers.quantiles(new double[] {0, 0.5, 1})).containsExactly(1, 2, 3);

        CategorySummary city = profile.column("city").orElseThrow().categories();
        assertThat(profile.column("city").orElseThrow().missing()).isEqualTo(1);
        assertThat(city.top()).containsExactly(new CategorySummary.Count("Paris", 3),
                new CategorySummary.Count("Oslo", 2), new CategorySummary.Count("Rome", 1));
        assertThat(city.other()).isZero();
        assertThat(city.distinct()).isEqualTo(3);

        CategorySummary ok = profile.column("ok").orElseThrow().categories();
        assertThat(ok.top()).containsExactly(new CategorySummary.Count("true", 4),
                new CategorySummary.Count("false", 2));
    }

    @Test
    void shouldKeepTopCategoriesWithTiesBrokenByValueAndPoolTheRest() {
        List<String[]> rows = new ArrayList<>();
        String[] cities = {"d", "c", "b", "a", "e", "e", "b", "a", "e"};
        for (String city : cities) {
            rows.add(new String[] {"1", city, "true"});
        }

        Profile profile = profile(rows, ProfileSettings.defaults().withTopK(3));

        CategorySummary summary = profile.column("city").orElseThrow().categories();
        assertThat(summary.top()).containsExactly(new CategorySummary.Count("e", 3),
                new CategorySummary.Count("a", 2), new CategorySummary.Count("b", 2));
        assertThat(summary.other()).isEqualTo(2);
        assertThat(summary.distinct()).isEqualTo(5);
        assertThat(summary.total()).isEqualTo(9);
    }

    @Test
    void shouldMatchReferenceMomentsAndDropValuesBeyondExactLimit() {
        Random random = new Random(3);
        int n = 50_000;
        double[] data = new double[n];
        List<String[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            data[i] = 1e6 + random.nextGaussian() * 0.01; // large offset: naive sum of squares would lose digits
            rows.add(new String[] {Double.toString(data[i]), "a", "true"});
        }

        NumericSummary summary = profile(rows, ProfileSettings.defaults()).column("x").orElseThrow().numeric();

        assertThat(summary.isExact()).isFalse();
        assertThat(summary.finite()).isEqualTo(n);
        assertThat(summary.mean()).isCloseTo(Arrays.stream(data).average().orElseThrow(), within(1e-9));
        assertThat(summary.std()).isCloseTo(new StandardDeviation().evaluate(data), within(1e-9 * 0.01));
        assertThat(summary.min()).isEqualTo(Arrays.stream(data).min().orElseThrow());
        assertThat(summary.max()).isEqualTo(Arrays.stream(data).max().orElseThrow());
    }

    @Test
    void shouldKeepValuesExactlyUpToTheLimit() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(new String[] {Integer.toString(2000 - i), "a", "true"});
        }

        NumericSummary atLimit = profile(rows, ProfileSettings.defaults().withExactLimit(2000))
                .column("x").orElseThrow().numeric();
        NumericSummary overLimit = profile(rows, ProfileSettings.defaults().withExactLimit(1999))
                .column("x").orElseThrow().numeric();

        assertThat(atLimit.values()).hasSize(2000).isSorted();
        assertThat(atLimit.values()[0]).isEqualTo(1);
        assertThat(overLimit.isExact()).isFalse();
    }

    @Test
    void shouldBuildEqualWidthHistogramOverMinAndMax() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            rows.add(new String[] {Integer.toString(i), "a", "true"});
        }

        NumericSummary.Histogram exact = profile(rows, ProfileSettings.defaults().withBins(4))
                .column("x").orElseThrow().numeric().histogram();
        NumericSummary.Histogram sketched = profile(rows, ProfileSettings.defaults().withBins(4).withExactLimit(0))
                .column("x").orElseThrow().numeric().histogram();

        assertThat(exact.edges()).containsExactly(0.0, 25.0, 50.0, 75.0, 100.0);
        // [0,25) [25,50) [50,75) [75,100]
        assertThat(exact.counts()).containsExactly(25L, 25L, 25L, 26L);
        // 101 values fit in the sketch uncompacted, so the sketch-derived bins are exact too
        assertThat(sketched).isEqualTo(exact);
    }

    @Test
    void shouldEstimateHistogramFromSketchWithinRankError() {
        Random random = new Random(5);
        List<String[]> rows = new ArrayList<>();
        double[] data = new double[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextGaussian();
            rows.add(new String[] {Double.toString(data[i]), "a", "true"});
        }
        ProfileSettings settings = ProfileSettings.defaults();

        NumericSummary sketched = profile(rows, settings).column("x").orElseThrow().numeric();
        NumericSummary exact = profile(rows, settings.withExactLimit(data.length)).column("x").orElseThrow()
                .numeric();

        assertThat(sketched.histogram().edges()).isEqualTo(exact.histogram().edges());
        long tolerance = Math.round(2 * 0.01 * data.length);
        for (int i = 0; i < settings.bins(); i++) {
            assertThat(sketched.histogram().counts().get(i))
                    .isCloseTo(exact.histogram().counts().get(i), within(tolerance));
        }
        assertThat(sketched.histogram().counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(data.length);
    }

    @Test
    void shouldPutConstantColumnInOneBin() {
        List<String[]> rows = List.of(new String[] {"4", "a", "true"}, new String[] {"4", "a", "true"});

        NumericSummary summary = profile(rows, ProfileSettings.defaults()).column("x").orElseThrow().numeric();

        assertThat(summary.histogram().edges()).containsExactly(4.0, 4.0);
        assertThat(summary.histogram().counts()).containsExactly(2L);
        assertThat(summary.std()).isZero();
    }

    @Test
    void shouldDescribeColumnWithoutFiniteValues() {
        List<String[]> rows = List.of(new String[] {"NA", "a", "true"}, new String[] {"NaN", "a", "true"});

        NumericSummary summary = profile(rows, ProfileSettings.defaults()).column("x").orElseThrow().numeric();

        assertThat(summary.finite()).isZero();
        assertThat(summary.nan()).isEqualTo(1);
        assertThat(summary.mean()).isNaN();
        assertThat(summary.std()).isNaN();
        assertThat(summary.min()).isNaN();
        assertThat(summary.histogram().counts()).isEmpty();
    }

    @Test
    void shouldPassOnMalformedNumberWithLineAndColumn() {
        List<String[]> rows = List.of(new String[] {"1", "a", "true"}, new String[] {"abc", "a", "true"});

        assertThatThrownBy(() -> profile(rows, ProfileSettings.defaults()))
                .isInstanceOf(DataException.class).hasMessageContaining("line 3").hasMessageContaining("'x'");
    }

    @Test
    void shouldGiveSameSummaryWithAndWithoutTheSummarisingThread() {
        Random random = new Random(8);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            rows.add(new String[] {i % 17 == 0 ? "NA" : Double.toString(random.nextGaussian()),
                    "v" + random.nextInt(300), Boolean.toString(random.nextBoolean())});
        }
        ProfileSettings settings = ProfileSettings.defaults();

        Profile threaded = profileWith(rows, settings, true);
        Profile inline = profileWith(rows, settings, false);

        for (int c = 0; c < 3; c++) {
            ColumnProfile a = threaded.columns().get(c);
            ColumnProfile b = inline.columns().get(c);
            assertThat(a.missing()).isEqualTo(b.missing());
            assertThat(a.categories()).isEqualTo(b.categories());
            if (a.numeric() != null) {
                // the same blocks in the same order: the moments agree to the last bit
                assertThat(a.numeric().finite()).isEqualTo(b.numeric().finite());
                assertThat(a.numeric().mean()).isEqualTo(b.numeric().mean());
                assertThat(a.numeric().std()).isEqualTo(b.numeric().std());
                assertThat(a.numeric().min()).isEqualTo(b.numeric().min());
            }
        }
    }

    @Test
    void shouldKeepCountsConsistentWhenCallerSkipsMalformedRow() {
        List<String[]> rows = List.of(new String[] {"1", "a", "true"}, new String[] {"2", "b", "false"},
                new String[] {"abc", "c", "true"}, new String[] {"4", "d", "true"});
        Schema schema = new Schema(List.of(new Column("flag", ColumnType.BOOLEAN),
                new Column("city", ColumnType.CATEGORICAL), new Column("x", ColumnType.NUMERIC)));
        List<String[]> reordered = new ArrayList<>();
        for (String[] row : rows) {
            reordered.add(new String[] {row[2], row[1], row[0]});
        }
        InMemoryRows source = new InMemoryRows(schema, reordered);
        Profiler profiler = new Profiler(schema, ProfileSettings.defaults(), true);

        while (source.next()) {
            try {
                profiler.add(source);
            } catch (DataException e) {
                // skipped, as a lenient caller would
            }
        }
        Profile profile = profiler.finish(List.of());

        assertThat(profile.rows()).isEqualTo(3);
        assertThat(profile.column("flag").orElseThrow().categories().total()).isEqualTo(3);
        assertThat(profile.column("city").orElseThrow().categories().top()).extracting(CategorySummary.Count::value)
                .containsExactly("a", "b", "d");
        assertThat(profile.column("x").orElseThrow().numeric().values()).containsExactly(1, 2, 4);
    }

    private static Profile profileWith(final List<String[]> rows, final ProfileSettings settings,
            final boolean threaded) {
        InMemoryRows source = new InMemoryRows(SCHEMA, rows);
        try (Profiler profiler = new Profiler(SCHEMA, settings, threaded)) {
            while (source.next()) {
                profiler.add(source);
            }
            return profiler.finish(List.of());
        }
    }
}
