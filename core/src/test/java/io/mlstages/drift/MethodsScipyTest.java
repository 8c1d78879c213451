package io.mlstages.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlstages.data.ColumnType;
import io.mlstages.profile.Profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hellinger, Kullback–Leibler, total variation, Cramér–von Mises, Anderson–Darling and energy against scipy
 * ({@code drift/methods.json}, written by {@code drift/make_method_fixtures.py}): the statistics alone on small
 * samples with ties and tiny sizes, and the detector's score and p-value per column on the real data pairs.
 * Tolerances: 1e-9 for the scores (the same sums in another order), 1e-6 absolute for p-values (and relative
 * below 1e-3), 1e-6 for the Anderson–Darling statistic (a variance built from harmonic sums).
 */
class MethodsScipyTest {

    private static JsonNode load() throws IOException {
        try (InputStream in = MethodsScipyTest.class.getResourceAsStream("/drift/methods.json")) {
            assertThat(in).as("drift/methods.json on the test class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> out = new ArrayList<>();
        load().get("samples").forEach(node -> out.add(Arguments.of(node.get("name").asText(), node)));
        assertThat(out).hasSizeGreaterThan(5);
        return out.stream();
    }

    static Stream<Arguments> pairs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        load().get("pairs").forEach(pair -> out.add(Arguments.of(
                pair.get("reference").asText() + " vs " + pair.get("current").asText(), pair)));
        assertThat(out).hasSize(3);
        return out.stream();
    }

    private static double[] sorted(final JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        Arrays.sort(out);
        return out;
    }

    private static void assertP(final SoftAssertions soft, final double actual, final double expected,
            final String what) {
        soft.assertThat(actual).as(what).isCloseTo(expected, within(1e-6));
        if (expected < 1e-3) {
            soft.assertThat(actual).as(what + " (relative)").isCloseTo(expected, within(1e-6 * expected));
        }
    }

    /**
     * The Cramér–von Mises p-value is 1 minus a CDF, in scipy as here: below about 1e-15 its digits are
     * rounding noise on both sides, so it is compared absolutely (1e-12), and relatively (1e-4) above 1e-9.
     */
    private static void assertCvmP(final SoftAssertions soft, final double actual, final double expected,
            final String what) {
        soft.assertThat(actual).as(what).isCloseTo(expected, within(1e-12));
        if (expected > 1e-9) {
            soft.assertThat(actual).as(what + " (relative)").isCloseTo(expected, within(1e-4 * expected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldComputeEachStatisticAsScipyDoes(final String name, final JsonNode node) {
        SoftAssertions soft = new SoftAssertions();
        if (node.has("x")) {
            double[] x = sorted(node.get("x"));
            double[] y = sorted(node.get("y"));
            Statistics.Test cvm = Statistics.cramerVonMises(x, y);
            soft.assertThat(cvm.statistic()).as("CvM T").isCloseTo(node.get("cvmStatistic").asDouble(), within(1e-9));
            assertCvmP(soft, cvm.pValue(), node.get("cvmP").asDouble(), "CvM p");
            Statistics.Test ad = Statistics.andersonDarling(x, y);
            soft.assertThat(ad.statistic()).as("AD statistic")
                    .isCloseTo(node.get("adStatistic").asDouble(), within(1e-6));
            assertP(soft, ad.pValue(), node.get("adP").asDouble(), "AD p");
            Statistics.CdfGaps gaps = Statistics.cdfGaps(x, y);
            soft.assertThat(Statistics.cramerVonMisesDistance(gaps)).as("CvM distance")
                    .isCloseTo(node.get("cvmDistance").asDouble(), within(1e-9));
            soft.assertThat(Statistics.andersonDarlingDistance(gaps)).as("AD distance")
                    .isCloseTo(node.get("adDistance").asDouble(), within(1e-9));
            soft.assertThat(Statistics.energyDistance(gaps)).as("energy distance")
                    .isCloseTo(node.get("energy").asDouble(), within(1e-9));
            // without ties scipy's T is n m / N times the squared distance: the score and the test measure the
            // same gap (with ties T comes from average ranks, which differ slightly)
            double n = x.length;
            double m = y.length;
            boolean tieFree = gaps.points().length == x.length + y.length;
            soft.assertThat(tieFree).as("tie-free").isEqualTo(!name.equals("ties") && !name.equals("rounded"));
            soft.assertThat(tieFree ? n * m / (n + m) * Math.pow(Statistics.cramerVonMisesDistance(gaps), 2)
                    : cvm.statistic())
                    .as("T from the distance").isCloseTo(cvm.statistic(), within(1e-9));
        } else {
            double[] r = doubles(node.get("reference"));
            double[] c = doubles(node.get("current"));
            soft.assertThat(Statistics.hellinger(r, c)).as("Hellinger")
                    .isCloseTo(node.get("hellinger").asDouble(), within(1e-9));
            soft.assertThat(Statistics.kullbackLeibler(r, c)).as("KL")
                    .isCloseTo(node.get("kullbackLeibler").asDouble(), within(1e-9));
            soft.assertThat(Statistics.totalVariation(r, c)).as("TV")
                    .isCloseTo(node.get("totalVariation").asDouble(), within(1e-9));
        }
        soft.assertAll();
    }

    private static double[] doubles(final JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void shouldScoreRealDataColumnsAsScipyDoes(final String name, final JsonNode pair) throws IOException {
        Path folder = io.mlstages.TestData.folder();
        Profile reference = RealDataDriftTest.profile(folder.resolve(pair.get("reference").asText()));
        Profile current = RealDataDriftTest.profile(folder.resolve(pair.get("current").asText()));
        SoftAssertions soft = new SoftAssertions();
        for (DriftMethod method : List.of(DriftMethod.HELLINGER, DriftMethod.KULLBACK_LEIBLER,
                DriftMethod.TOTAL_VARIATION, DriftMethod.CRAMER_VON_MISES, DriftMethod.ANDERSON_DARLING,
                DriftMethod.ENERGY)) {
            DriftOptions options = DriftOptions.defaults();
            for (var column : reference.columns()) {
                if (method.supports(column.type())) {
                    options = options.withColumn(column.name(), DriftOptions.ColumnOptions.method(method));
                }
            }
            DriftReport report = DriftDetector.compare(reference, current, options);
            DriftReport byDefault = DriftDetector.compare(reference, current, DriftOptions.defaults());
            pair.get("columns").fields().forEachRemaining(entry -> {
                JsonNode expected = entry.getValue();
                boolean numeric = expected.get("type").asText().equals("numeric");
                if (!method.supports(numeric ? ColumnType.NUMERIC : ColumnType.CATEGORICAL)) {
                    return;
                }
                ColumnDrift drift = column(report, entry.getKey());
                String what = entry.getKey() + " " + method.label();
                soft.assertThat(drift.method()).as(what).isEqualTo(method);
                soft.assertThat(drift.exact()).as(what + " exact").isTrue();
                soft.assertThat(drift.score()).as(what + " score").isCloseTo(expected(method, expected),
                        within(1e-9));
                double p = switch (method) {
                    case CRAMER_VON_MISES -> expected.get("cvmP").asDouble();
                    case ANDERSON_DARLING -> expected.get("adP").asDouble();
                    // the distances share the type's test with the default method
                    default -> column(byDefault, entry.getKey()).pValue();
                };
                if (method == DriftMethod.CRAMER_VON_MISES) {
                    assertCvmP(soft, drift.pValue(), p, what + " p-value");
                } else {
                    assertP(soft, drift.pValue(), p, what + " p-value");
                }
            });
        }
        soft.assertAll();
    }

    private static double expected(final DriftMethod method, final JsonNode node) {
        return switch (method) {
            case HELLINGER -> node.get("hellinger").asDouble();
            case KULLBACK_LEIBLER -> node.get("kullbackLeibler").asDouble();
            case TOTAL_VARIATION -> node.get("totalVariation").asDouble();
            case CRAMER_VON_MISES -> node.get("cvmDistance").asDouble();
            case ANDERSON_DARLING -> node.get("adDistance").asDouble();
            case ENERGY -> node.get("energyScore").asDouble();
            default -> throw new IllegalArgumentException("no fixture for " + method.label());
        };
    }

    private static ColumnDrift column(final DriftReport report, final String name) {
        return report.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
