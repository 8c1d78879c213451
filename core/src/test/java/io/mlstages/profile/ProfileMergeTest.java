package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.mlstages.data.Column;
import io.mlstages.data.ColumnType;
import io.mlstages.data.Schema;

class ProfileMergeTest {
    private static final Schema SCHEMA = new Schema(List.of(new Column("x", ColumnType.NUMERIC),
            new Column("y", ColumnType.NUMERIC), new Column("city", ColumnType.CATEGORICAL),
            new Column("ok", ColumnType.BOOLEAN)));

    private static List<String[]> rows(final int n, final long seed) {
        Random random = new Random(seed);
        String[] cities = {"Paris", "Oslo", "Rome", "Lima", "Kyiv", "Doha"};
        List<String[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String x = random.nextInt(50) == 0 ? "NA" : Double.toString(random.nextGaussian() * 3 + 10);
            String y = random.nextInt(100) == 0 ? "Infinity" : Double.toString(Math.exp(random.nextGaussian()));
            String city = cities[(int) Math.floor(Math.abs(random.nextGaussian()) * 2) % cities.length];
            rows.add(new String[] {x, y, city, random.nextBoolean() ? "true" : "false"});
        }
        return rows;
    }

    private static Profile profile(final List<String[]> rows, final ProfileSettings settings) {
        return Profiler.profile(new InMemoryRows(SCHEMA, rows), settings, null);
    }

    private static double[] finite(final List<String[]> rows, final int column) {
        return rows.stream().map(r -> r[column]).filter(t -> !t.equals("NA")).mapToDouble(Double::parseDouble)
                .filter(Double::isFinite).sorted().toArray();
    }

    @Test
    void shouldMergeHalvesIntoTheWholeInSketchMode() {
        List<String[]> rows = rows(200_000, 1);
        ProfileSettings settings = ProfileSettings.defaults();
        Profile whole = profile(rows, settings);

        Profile merged = profile(rows.subList(0, 80_000), settings)
                .merge(profile(rows.subList(80_000, rows.size()), settings));

        assertThat(merged.rows()).isEqualTo(whole.rows());
        assertThat(merged.sources()).hasSize(2);
        double bound = QuantileSketch.normalizedRankError(settings.sketchK());
        for (int c = 0; c < 2; c++) {
            ColumnProfile expectedColumn = whole.columns().get(c);
            ColumnProfile actualColumn = merged.columns().get(c);
            NumericSummary expected = expectedColumn.numeric();
            NumericSummary actual = actualColumn.numeric();
            assertThat(actualColumn.missing()).isEqualTo(expectedColumn.missing());
            assertThat(actual.finite()).isEqualTo(expected.finite());
            assertThat(actual.positiveInfinity()).isEqualTo(expected.positiveInfinity());
            assertThat(actual.min()).isEqualTo(expected.min());
            assertThat(actual.max()).isEqualTo(expected.max());
            assertThat(actual.mean()).isCloseTo(expected.mean(), within(Math.abs(expected.mean()) * 1e-9));
            assertThat(actual.std()).isCloseTo(expected.std(), within(expected.std() * 1e-9));
            assertThat(actual.isExact()).isFalse();
            assertThat(actual.histogram().edges()).isEqualTo(expected.histogram().edges());

            double[] data = finite(rows, c);
            double[] ranks = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99};
            double[] quantiles = actual.quantiles(ranks);
            for (int i = 0; i < ranks.length; i++) {
                double trueRank = (double) NumericSummary.countAtMost(data, quantiles[i]) / data.length;
                assertThat(trueRank).as("rank of the merged %s quantile", ranks[i])
                        .isCloseTo(ranks[i], within(bound));
            }
        }
        assertThat(merged.column("city").orElseThrow().categories())
                .isEqualTo(whole.column("city").orElseThrow().categories());
        assertThat(merged.column("ok").orElseThrow().categories())
                .isEqualTo(whole.column("ok").orElseThrow().categories());
    }

    @Test
    void shouldMergeHalvesIntoTheWholeExactlyWhenSmall() {
        List<String[]> rows = rows(3_000, 2);
        ProfileSettings settings = ProfileSettings.defaults();
        Profile whole = profile(rows, settings);

        Profile merged = profile(rows.subList(0, 1_234), settings)
                .merge(profile(rows.subList(1_234, rows.size()), settings));

        for (int c = 0; c < 2; c++) {
            NumericSummary expected = whole.columns().get(c).numeric();
            NumericSummary actual = merged.columns().get(c).numeric();
            assertThat(actual.values()).containsExactly(expected.values());
            assertThat(actual.values()).containsExactly(finite(rows, c));
            assertThat(actual.histogram()).isEqualTo(expected.histogram());
            assertThat(actual.mean()).isCloseTo(expected.mean(), within(Math.abs(expected.mean()) * 1e-9));
            assertThat(actual.std()).isCloseTo(expected.std(), within(expected.std() * 1e-9));
        }
        assertThat(merged.columns().subList(2, 4)).isEqualTo(whole.columns().subList(2, 4));
    }

    @Test
    void shouldLeaveExactModeWhenMergedCountExceedsLimit() {
        ProfileSettings settings = ProfileSettings.defaults().withExactLimit(1_000);
        List<String[]> rows = rows(1_800, 3);

        Profile merged = profile(rows.subList(0, 900), settings).merge(profile(rows.subList(900, 1_800), settings));

        assertThat(merged.columns().get(0).numeric().isExact()).isFalse();
        assertThat(merged.columns().get(0).numeric().finite()).isEqualTo(finite(rows, 0).length);
    }

    @Test
    void shouldApproximateCategoriesOutsideTopKThroughOther() {
        Schema schema = new Schema(List.of(new Column("c", ColumnType.CATEGORICAL)));
        List<String[]> left = new ArrayList<>();
        List<String[]> right = new ArrayList<>();
        for (String value : "a a a b b c".split(" ")) {
            left.add(new String[] {value});
        }
        for (String value : "c c c d d b".split(" ")) {
            right.add(new String[] {value});
        }
        ProfileSettings settings = ProfileSettings.defaults().withTopK(2);

        CategorySummary merged = Profiler.profile(new InMemoryRows(schema, left), settings, null)
                .merge(Profiler.profile(new InMemoryRows(schema, right), settings, null))
                .columns().get(0).categories();

        // c is 4 in truth but the left side pooled its single c into other: the merged count is a lower bound
        assertThat(merged.top()).containsExactly(new CategorySummary.Count("a", 3),
                new CategorySummary.Count("c", 3));
        assertThat(merged.other()).isEqualTo(6);
        assertThat(merged.total()).isEqualTo(12);
        assertThat(merged.distinct()).isEqualTo(4);
    }

    @Test
    void shouldRefuseToMergeDifferentSettings() {
        List<String[]> rows = rows(10, 4);
        Profile a = profile(rows, ProfileSettings.defaults());
        Profile b = profile(rows, ProfileSettings.defaults().withBins(10));

        assertThatThrownBy(() -> a.merge(b)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("different settings");
    }

    @Test
    void shouldNameTheColumnWhoseTypeDiffers() {
        Schema other = new Schema(List.of(new Column("x", ColumnType.NUMERIC), new Column("y", ColumnType.NUMERIC),
                new Column("city", ColumnType.CATEGORICAL), new Column("ok", ColumnType.CATEGORICAL)));
        List<String[]> rows = rows(10, 5);
        Profile a = profile(rows, ProfileSettings.defaults());
        Profile b = Profiler.profile(new InMemoryRows(other, rows), ProfileSettings.defaults(), null);

        assertThatThrownBy(() -> a.merge(b)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("'ok'").hasMessageContaining("boolean").hasMessageContaining("categorical");
    }

    @Test
    void shouldNameTheColumnWhoseNameDiffers() {
        Schema other = new Schema(List.of(new Column("x", ColumnType.NUMERIC), new Column("z", ColumnType.NUMERIC),
                new Column("city", ColumnType.CATEGORICAL), new Column("ok", ColumnType.BOOLEAN)));
        List<String[]> rows = rows(10, 6);
        Profile a = profile(rows, ProfileSettings.defaults());
        Profile b = Profiler.profile(new InMemoryRows(other, rows), ProfileSettings.defaults(), null);

        assertThatThrownBy(() -> a.merge(b)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("column 2 is 'y'").hasMessageContaining("'z'");
    }

    @Test
    void shouldKeepNumbersOfAnEmptySideUnchanged() {
        List<String[]> rows = rows(500, 7);
        Profile full = profile(rows, ProfileSettings.defaults());
        Profile empty = profile(List.of(), ProfileSettings.defaults());

        Profile merged = full.merge(empty);

        NumericSummary x = merged.columns().get(0).numeric();
        assertThat(x.values()).containsExactly(full.columns().get(0).numeric().values());
        assertThat(x.mean()).isEqualTo(full.columns().get(0).numeric().mean());
        assertThat(Arrays.equals(x.values(), finite(rows, 0))).isTrue();
    }
}
