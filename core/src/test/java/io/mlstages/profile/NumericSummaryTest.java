package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NumericSummaryTest {

    private static NumericSummary summary(final double[] data, final int k, final boolean keepValues) {
        QuantileSketch sketch = new QuantileSketch(k);
        for (double value : data) {
            sketch.update(value);
        }
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        return new NumericSummary(data.length, 0, 0, 0, sorted[0], sorted[sorted.length - 1], 0, 0,
                NumericSummary.Histogram.empty(), sketch.toByteArray(), keepValues ? sorted : null);
    }

    @Test
    void shouldGiveShareOfValuesAtMostEachPointWhenExact() {
        NumericSummary summary = summary(new double[] {3, 1, 2, 2, 5}, 200, true);

        double[] cdf = summary.cdf(new double[] {0, 1, 1.5, 2, 4.9, 5, 9, Double.NaN});

        assertThat(cdf).containsExactly(0, 0.2, 0.2, 0.6, 0.8, 1, 1, Double.NaN);
    }

    @Test
    void shouldGiveLowerEmpiricalQuantileWhenExact() {
        double[] data = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        NumericSummary summary = summary(data, 200, true);

        // rank 0.3 * 10 = 3 values reach rank 0.3, so the third value; 0.31 needs a fourth
        double[] q = summary.quantiles(new double[] {0, 0.05, 0.1, 0.3, 0.31, 0.5, 0.99, 1});

        assertThat(q).containsExactly(10, 10, 10, 30, 40, 50, 100, 100);
    }

    @Test
    void shouldAnswerAlikeFromSketchAndValuesWhileSketchHoldsEveryValue() {
        Random random = new Random(7);
        double[] data = new double[150];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.round(random.nextGaussian() * 4) / 2.0; // many ties
        }
        NumericSummary exact = summary(data, 200, true);
        NumericSummary sketched = summary(data, 200, false);
        double[] points = new double[81];
        double[] ranks = new double[101];
        for (int i = 0; i < points.length; i++) {
            points[i] = -10 + i * 0.25;
        }
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = i / 100.0;
        }

        assertThat(sketched.isExact()).isFalse();
        assertThat(sketched.cdf(points)).containsExactly(exact.cdf(points));
        assertThat(sketched.quantiles(ranks)).containsExactly(exact.quantiles(ranks));
    }

    @Test
    void shouldStayWithinRankErrorWhenSketchCompacts() {
        Random random = new Random(11);
        double[] data = new double[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextGaussian();
        }
        NumericSummary exact = summary(data, 200, true);
        NumericSummary sketched = summary(data, 200, false);
        double bound = QuantileSketch.normalizedRankError(200);
        double[] points = {-2, -1, -0.5, 0, 0.5, 1, 2};

        double[] expected = exact.cdf(points);
        double[] actual = sketched.cdf(points);
        for (int i = 0; i < points.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(bound));
        }
        assertThat(sketched.quantiles(new double[] {0, 1})).containsExactly(exact.values()[0],
                exact.values()[data.length - 1]);
        double median = sketched.quantiles(new double[] {0.5})[0];
        assertThat(exact.cdf(new double[] {median})[0]).isCloseTo(0.5, within(bound));
    }

    @Test
    void shouldReturnNaNWithoutFiniteValues() {
        NumericSummary empty = new NumericSummary(0, 2, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                NumericSummary.Histogram.empty(), new QuantileSketch(200).toByteArray(),
                new double[0]);

        assertThat(empty.cdf(new double[] {0})).containsExactly(Double.NaN);
        assertThat(empty.quantiles(new double[] {0.5})).containsExactly(Double.NaN);
    }

    @Test
    void shouldRejectRankOutsideUnitInterval() {
        NumericSummary summary = summary(new double[] {1, 2}, 200, true);

        assertThatThrownBy(() -> summary.quantiles(new double[] {1.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    }

    @Test
    void shouldCompareArraysByContent() {
        double[] data = {1, 2, 3};
        NumericSummary first = summary(data, 200, true);
        NumericSummary second = summary(data, 200, true);
        NumericSummary other = summary(new double[] {1, 2, 4}, 200, true);

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(other);
        assertThat(first.toString()).contains("3 numbers");
    }

    @Test
    void shouldNotLetCallersChangeTheValues() {
        NumericSummary summary = summary(new double[] {1, 2, 3}, 200, true);

        summary.values()[0] = 99;

        assertThat(summary.values()).containsExactly(1, 2, 3);
    }
}
