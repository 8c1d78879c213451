package io.mlstages.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares every statistic with scipy/numpy values written by {@code drift/make_fixtures.py} (inputs and
 * expected outputs are both in {@code drift/statistics.json}).
 */
class StatisticsTest {

    private static final double TOLERANCE = 1e-6;

    private static JsonNode fixture;

    @BeforeAll
    static void readFixture() throws IOException {
        fixture = load();
    }

    private static JsonNode load() throws IOException {
        try (InputStream in = StatisticsTest.class.getResourceAsStream("/drift/statistics.json")) {
            assertThat(in).as("drift/statistics.json on the test class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> cases(final String kind) throws IOException {
        JsonNode all = fixture == null ? load() : fixture;
        List<Arguments> out = new ArrayList<>();
        all.get(kind).forEach(node -> out.add(Arguments.of(node.get("name").asText(), node)));
        assertThat(out).as("fixture cases of " + kind).isNotEmpty();
        return out.stream();
    }

    static Stream<Arguments> ks() throws IOException {
        return cases("ks");
    }

    static Stream<Arguments> chiSquare() throws IOException {
        return cases("chiSquare");
    }

    static Stream<Arguments> jensenShannon() throws IOException {
        return cases("jensenShannon");
    }

    static Stream<Arguments> wasserstein() throws IOException {
        return cases("wasserstein");
    }

    static Stream<Arguments> psi() throws IOException {
        return cases("psi");
    }

    static Stream<Arguments> psiCounts() throws IOException {
        return cases("psiCounts");
    }

    static Stream<Arguments> lInfinity() throws IOException {
        return cases("lInfinity");
    }

    static Stream<Arguments> twoProportion() throws IOException {
        return cases("twoProportion");
    }

    private static double[] doubles(final JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static long[] longs(final JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static double[] sorted(final JsonNode array) {
        double[] out = doubles(array);
        Arrays.sort(out);
        return out;
    }

    /** Absolute 1e-6, and for small p-values also 1e-6 relative, so that 1e-17 is not "equal" to 1e-30. */
    private static void assertProbability(final double actual, final double expected, final String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(TOLERANCE));
        if (expected < 1e-3) {
            assertThat(actual).as(what + " (relative)").isCloseTo(expected, within(TOLERANCE * expected + 1e-300));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ks")
    void ksShouldMatchScipy(final String name, final JsonNode c) {
        Statistics.Ks ks = Statistics.ks(sorted(c.get("x")), sorted(c.get("y")));

        assertThat(ks.statistic()).as("D").isCloseTo(c.get("statistic").asDouble(), within(TOLERANCE));
        assertThat(ks.exactP()).as("exact p-value").isEqualTo(c.get("exactP").asBoolean());
        assertProbability(ks.pValue(), c.get("pValue").asDouble(), "p-value");
        if (!c.get("scipyAsymp").isNull()) {
            // scipy's method='asymp' adds a finite-n correction; the two asymptotics stay close
            assertThat(ks.pValue()).as("p-value vs scipy method='asymp'")
                    .isCloseTo(c.get("scipyAsymp").asDouble(), within(0.02));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ks")
    void ksFromCdfsShouldMatchTheExactStatistic(final String name, final JsonNode c) {
        if (c.get("cdfX").isNull()) {
            return; // large case: the fixture keeps only the sample-based values
        }
        double d = Statistics.ksStatisticFromCdfs(doubles(c.get("cdfX")), doubles(c.get("cdfY")));

        assertThat(d).isCloseTo(c.get("gridStatistic").asDouble(), within(TOLERANCE));
        assertThat(d).isCloseTo(c.get("statistic").asDouble(), within(TOLERANCE));
        assertProbability(Statistics.ksAsymptoticP(d, c.get("x").size(), c.get("y").size()),
                c.get("gridPValue").asDouble(), "asymptotic p-value");
    }

    @Test
    void ksAsymptoticShouldAgreeWithCommonsMathWhereItsPrecisionAllows() {
        KolmogorovSmirnovTest commons = new KolmogorovSmirnovTest();
        for (double d : new double[] {0.01, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3}) {
            assertThat(Statistics.ksAsymptoticP(d, 300, 500)).as("d=" + d)
                    .isCloseTo(commons.approximateP(d, 300, 500), within(1e-9));
        }
    }

    @Test
    void ksShouldNotJitterTiesAsCommonsMathDoes() {
        double[] x = {1, 1, 1, 2, 2};
        double[] y = {1, 2, 2, 2, 2};

        Statistics.Ks ks = Statistics.ks(x, y);

        // F_x(1) = 3/5, F_y(1) = 1/5: the gap is exactly 0.4, whatever random jitter would make of the ties
        assertThat(ks.statistic()).isEqualTo(0.4, within(1e-15));
        assertThat(Statistics.ks(x, y)).isEqualTo(ks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chiSquare")
    void chiSquareShouldMatchScipy(final String name, final JsonNode c) {
        Statistics.ChiSquare chi = Statistics.chiSquare(longs(c.get("reference")), longs(c.get("current")));

        assertThat(chi.statistic()).as("statistic").isCloseTo(c.get("statistic").asDouble(), within(TOLERANCE));
        assertThat(chi.dof()).as("dof").isEqualTo(c.get("dof").asInt());
        assertProbability(chi.pValue(), c.get("pValue").asDouble(), "p-value");
        assertThat(chi.cramersV()).as("Cramér's V").isCloseTo(c.get("cramersV").asDouble(), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jensenShannon")
    void jensenShannonShouldMatchScipy(final String name, final JsonNode c) {
        assertThat(Statistics.jensenShannon(doubles(c.get("p")), doubles(c.get("q"))))
                .isCloseTo(c.get("distance").asDouble(), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wasserstein")
    void wassersteinShouldMatchScipy(final String name, final JsonNode c) {
        double[] x = sorted(c.get("x"));
        double[] y = sorted(c.get("y"));

        assertThat(Statistics.wasserstein(x, y)).isCloseTo(c.get("distance").asDouble(), within(TOLERANCE));
        assertThat(Statistics.wassersteinFromQuantiles(doubles(c.get("quantilesX")), doubles(c.get("quantilesY"))))
                .as("quantile form").isCloseTo(c.get("quantileDistance").asDouble(), within(TOLERANCE));
        assertThat(Statistics.midpointRanks(c.get("quantileCount").asInt())).hasSize(c.get("quantileCount").asInt())
                .startsWith(0.5 / c.get("quantileCount").asInt());
    }

    @Test
    void wassersteinFromMidpointQuantilesShouldEqualTheExactDistanceForEqualSizes() {
        JsonNode c = fixture.get("wasserstein").get(0);
        assertThat(c.get("x").size()).isEqualTo(c.get("quantileCount").asInt());

        assertThat(Statistics.wassersteinFromQuantiles(doubles(c.get("quantilesX")), doubles(c.get("quantilesY"))))
                .isCloseTo(c.get("distance").asDouble(), within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psi")
    void psiOverReferenceQuantileBinsShouldMatchNumpy(final String name, final JsonNode c) {
        double[] x = sorted(c.get("x"));
        double[] y = sorted(c.get("y"));
        double[] edges = doubles(c.get("edges"));

        long[] refCounts = Statistics.binCounts(x, edges);
        long[] curCounts = Statistics.binCounts(y, edges);

        assertThat(refCounts).containsExactly(longs(c.get("referenceCounts")));
        assertThat(curCounts).containsExactly(longs(c.get("currentCounts")));
        assertThat(Statistics.psi(refCounts, curCounts)).isCloseTo(c.get("psi").asDouble(), within(TOLERANCE));
        // the sketch path's shares from a CDF at the edges give the same bins
        double[] cdf = new double[edges.length];
        for (int i = 0; i < edges.length; i++) {
            cdf[i] = (double) Statistics.countAtMost(y, edges[i]) / y.length;
        }
        double[] shares = Statistics.binSharesFromCdf(cdf);
        for (int i = 0; i < shares.length; i++) {
            assertThat(shares[i]).isCloseTo((double) curCounts[i] / y.length, within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psiCounts")
    void psiOverCategoriesShouldMatchNumpy(final String name, final JsonNode c) {
        assertThat(Statistics.psi(longs(c.get("referenceCounts")), longs(c.get("currentCounts"))))
                .isCloseTo(c.get("psi").asDouble(), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lInfinity")
    void lInfinityShouldMatchNumpy(final String name, final JsonNode c) {
        assertThat(Statistics.lInfinity(doubles(c.get("p")), doubles(c.get("q"))))
                .isCloseTo(c.get("distance").asDouble(), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoProportion")
    void twoProportionTestShouldMatchScipy(final String name, final JsonNode c) {
        Statistics.Proportions test = Statistics.twoProportion(c.get("x1").asLong(), c.get("n1").asLong(),
                c.get("x2").asLong(), c.get("n2").asLong());

        assertThat(test.z()).isCloseTo(c.get("z").asDouble(), within(TOLERANCE));
        assertProbability(test.pValue(), c.get("pValue").asDouble(), "p-value");
    }

    @Test
    void shouldMergeEqualQuantileEdgesOfDiscreteData() {
        assertThat(Statistics.distinctSorted(new double[] {0, 0, 1, 1, 1, 2, 3, 3})).containsExactly(0, 1, 2, 3);
    }

    @Test
    void shouldRejectMismatchedOrInvalidInputsNamingTheValues() {
        assertThatThrownBy(() -> Statistics.chiSquare(new long[] {1, 2}, new long[] {1}))
                .hasMessageContaining("2 and 1");
        assertThatThrownBy(() -> Statistics.jensenShannon(new double[] {1, -1}, new double[] {1, 1}))
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Statistics.ks(new double[0], new double[] {1}))
                .hasMessageContaining("0 and 1");
    }
}
