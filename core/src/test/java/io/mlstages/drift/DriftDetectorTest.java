package io.mlstages.drift;

import static io.mlstages.drift.GeneratedRows.bool;
import static io.mlstages.drift.GeneratedRows.categorical;
import static io.mlstages.drift.GeneratedRows.levels;
import static io.mlstages.drift.GeneratedRows.normal;
import static io.mlstages.drift.GeneratedRows.numeric;
import static io.mlstages.drift.GeneratedRows.sometimesMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlstages.data.ColumnType;
import io.mlstages.profile.CategorySummary;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drift decisions on synthetic data with fixed seeds, through real profiles built by the Profiler. */
class DriftDetectorTest {

    private static final ProfileSettings DEFAULTS = ProfileSettings.defaults();
    private static final int MILLION = 1_000_000;

    private static Profile millionReference;
    private static Profile millionSame;
    private static Profile millionSmallShift;

    /** A numeric, a categorical and a boolean column; the numeric mean is the only thing that moves. */
    private static List<GeneratedRows.Spec> mixed(final double mean) {
        return List.of(
                numeric("x", normal(mean, 1)),
                categorical("colour", levels(0.5, 0.3, 0.15, 0.05)),
                bool("flag", random -> random.nextDouble() < 0.3));
    }

    @BeforeAll
    static void profileMillionRowSamples() {
        millionReference = GeneratedRows.profile(mixed(0), MILLION, 1, DEFAULTS);
        millionSame = GeneratedRows.profile(mixed(0), MILLION, 2, DEFAULTS);
        millionSmallShift = GeneratedRows.profile(mixed(0.05), MILLION, 3, DEFAULTS);
    }

    private static ColumnDrift column(final DriftReport report, final String name) {
        return report.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldNotDriftBetweenTwoMillionRowSamplesOfOneDistribution() {
        DriftReport report = DriftDetector.compare(millionReference, millionSame, DriftOptions.defaults());

        assertThat(report.drifted()).isEmpty();
        assertThat(report.datasetDrift()).isFalse();
        assertThat(report.driftShare()).isZero();
        ColumnDrift x = column(report, "x");
        assertThat(x.exact()).as("a million values are past the exact limit").isFalse();
        assertThat(x.method()).isEqualTo(DriftMethod.WASSERSTEIN);
        // the sketches' quantile error, integrated over the range: about 0.003 std at the default k = 2000
        assertThat(x.score()).isLessThan(0.01);
        assertThat(x.significant()).as("sketch noise must not look significant: " + x.note()).isFalse();
        assertThat(column(report, "colour").method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThat(column(report, "flag").method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThat(report.referenceRows()).isEqualTo(MILLION);
        assertThat(report.currentRows()).isEqualTo(MILLION);
    }

    @Test
    void shouldReportASmallSignificantShiftWithoutDriftUntilTheFloorIsLowered() {
        DriftReport byDefault = DriftDetector.compare(millionReference, millionSmallShift, DriftOptions.defaults());

        ColumnDrift x = column(byDefault, "x");
        assertThat(x.significant()).as(x.note()).isTrue();
        assertThat(x.score()).isCloseTo(0.05, within(0.01));
        assertThat(x.drift()).isFalse();
        assertThat(x.note()).contains("significant").contains("below the floor 0.100");
        assertThat(byDefault.drifted()).isEmpty();

        DriftReport lowered = DriftDetector.compare(millionReference, millionSmallShift,
                DriftOptions.defaults().withColumn("x", DriftOptions.ColumnOptions.threshold(0.03)));

        assertThat(column(lowered, "x").drift()).isTrue();
        assertThat(column(lowered, "x").threshold()).isEqualTo(0.03);
        assertThat(lowered.driftShare()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(lowered.datasetDrift()).isFalse();
    }

    @Test
    void shouldDriftWhenTheMeanMovesByOneStandardDeviation() {
        for (int rows : new int[] {300, 50_000}) {
            Profile reference = GeneratedRows.profile(mixed(0), rows, 11, DEFAULTS);
            Profile current = GeneratedRows.profile(mixed(1), rows, 12, DEFAULTS);

            DriftReport report = DriftDetector.compare(reference, current, DriftOptions.defaults());

            ColumnDrift x = column(report, "x");
            assertThat(x.drift()).as(rows + " rows: " + x.note()).isTrue();
            assertThat(x.method()).isEqualTo(rows < 1000 ? DriftMethod.KS : DriftMethod.WASSERSTEIN);
            assertThat(x.exact()).isEqualTo(rows <= DEFAULTS.exactLimit());
            assertThat(x.pValue()).isLessThan(1e-6);
            assertThat(column(report, "colour").drift()).isFalse();
            assertThat(report.drifted()).extracting(ColumnDrift::name).containsExactly("x");
        }
    }

    /** Ten columns of assorted kinds, all from one distribution on both sides. */
    private static List<GeneratedRows.Spec> tenColumns() {
        return List.of(
                numeric("normal", normal(5, 2)),
                numeric("skewed", random -> Math.exp(GeneratedRows.gaussian(random))),
                numeric("uniform", random -> random.nextDouble()),
                numeric("counts", random -> (double) random.nextInt(8)),
                numeric("rounded", random -> Math.rint(10 * GeneratedRows.gaussian(random)) / 2),
                numeric("bimodal", random -> (random.nextBoolean() ? -2 : 2) + GeneratedRows.gaussian(random)),
                categorical("grade", levels(0.4, 0.3, 0.2, 0.1)),
                categorical("city", levels(5, 4, 3, 3, 2, 2, 1, 1, 0.5, 0.5, 0.2, 0.1)),
                categorical("rare", levels(0.9, 0.05, 0.03, 0.01, 0.01)),
                bool("active", random -> random.nextDouble() < 0.2));
    }

    @Test
    void shouldKeepTheFalseAlarmRateNearAlphaAndNeverFlagTheDatasetOnSmallSamples() {
        int seeds = 100;
        Map<String, Integer> alarms = new HashMap<>();
        int datasetAlarms = 0;
        int comparisons = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Profile reference = GeneratedRows.profile(tenColumns(), 200, 1000 + 2L * seed, DEFAULTS);
            Profile current = GeneratedRows.profile(tenColumns(), 200, 1001 + 2L * seed, DEFAULTS);

            DriftReport report = DriftDetector.compare(reference, current, DriftOptions.defaults());

            datasetAlarms += report.datasetDrift() ? 1 : 0;
            for (ColumnDrift c : report.columns()) {
                comparisons++;
                assertThat(c.exact()).isTrue();
                if (c.drift()) {
                    alarms.merge(c.name(), 1, Integer::sum);
                }
            }
        }
        int total = alarms.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(comparisons).isEqualTo(10 * seeds);
        // alpha 0.05 over 1000 comparisons: 50 expected at most; 65 is two standard deviations above
        assertThat(total).as("false alarms per column: " + alarms).isLessThanOrEqualTo(65);
        assertThat(alarms.values()).as("no column alarms far more often than alpha: " + alarms)
                .allMatch(count -> count <= 11);
        assertThat(datasetAlarms).isZero();
    }

    @Test
    void shouldNotDriftOnAHighCardinalityCategoricalFromOneDistribution() {
        double[] weights = new double[2000];
        Arrays.fill(weights, 1);
        List<GeneratedRows.Spec> specs = List.of(categorical("user", levels(weights)));
        ProfileSettings allLevels = new ProfileSettings(DEFAULTS.sketchK(), DEFAULTS.bins(), 5000,
                DEFAULTS.exactLimit());
        for (ProfileSettings settings : List.of(DEFAULTS, allLevels)) {
            Profile reference = GeneratedRows.profile(specs, 3000, 21, settings);
            Profile current = GeneratedRows.profile(specs, 3000, 22, settings);

            ColumnDrift pooled = column(DriftDetector.compare(reference, current, DriftOptions.defaults()), "user");
            ColumnDrift raw = column(DriftDetector.compare(reference, current,
                    DriftOptions.defaults().withPoolRareLevels(false)), "user");

            assertThat(pooled.drift()).as("topK %d: %s", settings.topK(), pooled.note()).isFalse();
            assertThat(pooled.score()).isLessThan(0.05);
            if (settings.topK() == 5000) {
                // every level is known by name: without pooling, 1.5 rows per level look like a big change
                assertThat(pooled.note()).contains("rare levels pooled into 'other'");
                assertThat(raw.score()).as("unpooled JS").isGreaterThan(0.3);
            }
        }
    }

    private static Profile profileOf(final JsonNode values) {
        int[] next = {0};
        return GeneratedRows.profile(List.of(numeric("v", random -> values.get(next[0]++).asDouble())),
                values.size(), 0, DEFAULTS);
    }

    @Test
    void shouldScoreExactValuesAsScipyDoes() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/drift/statistics.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        JsonNode w = fixture.get("wasserstein").get(2);
        DriftOptions wasserstein = DriftOptions.defaults()
                .withColumn("v", DriftOptions.ColumnOptions.method(DriftMethod.WASSERSTEIN));

        ColumnDrift byWasserstein = column(DriftDetector.compare(profileOf(w.get("x")), profileOf(w.get("y")),
                wasserstein), "v");

        assertThat(byWasserstein.exact()).isTrue();
        // scipy.stats.wasserstein_distance divided by numpy's std with ddof=1
        assertThat(byWasserstein.score()).isCloseTo(w.get("distance").asDouble() / w.get("referenceStd").asDouble(),
                within(1e-6));

        JsonNode ks = fixture.get("ks").get(4);
        ColumnDrift byKs = column(DriftDetector.compare(profileOf(ks.get("x")), profileOf(ks.get("y")),
                DriftOptions.defaults()), "v");

        assertThat(byKs.method()).isEqualTo(DriftMethod.KS);
        assertThat(byKs.score()).isCloseTo(ks.get("statistic").asDouble(), within(1e-9));
        assertThat(byKs.pValue()).isCloseTo(ks.get("pValue").asDouble(), within(1e-6));

        JsonNode psi = fixture.get("psi").get(0);
        ColumnDrift byPsi = column(DriftDetector.compare(profileOf(psi.get("x")), profileOf(psi.get("y")),
                DriftOptions.defaults().withColumn("v", DriftOptions.ColumnOptions.method(DriftMethod.PSI))), "v");

        assertThat(byPsi.score()).isCloseTo(psi.get("psi").asDouble(), within(1e-6));
    }

    private static CategorySummary summary(final long other, final Object... valueCountPairs) {
        List<CategorySummary.Count> top = new ArrayList<>();
        for (int i = 0; i < valueCountPairs.length; i += 2) {
            top.add(new CategorySummary.Count((String) valueCountPairs[i], ((Number) valueCountPairs[i + 1]).longValue()));
        }
        return new CategorySummary(top, other, top.size() + (other > 0 ? 1 : 0));
    }

    @Test
    void shouldCompareByNameOnlyLevelsWhoseCountIsKnownOnBothSides() {
        // 'b' is listed in the reference only and 'c' in the current only, while each other side has an
        // 'other' bucket that may hide them: both go to 'other' on both sides
        DriftDetector.Table partial = DriftDetector.align(summary(20, "a", 50, "b", 30),
                summary(25, "a", 40, "c", 35), false);

        assertThat(partial.levels()).containsExactly("a", "other");
        assertThat(partial.reference()).containsExactly(50, 50);
        assertThat(partial.current()).containsExactly(40, 60);

        // complete lists (no 'other'): a level absent from one side really has count 0 there
        DriftDetector.Table complete = DriftDetector.align(summary(0, "a", 10, "b", 5),
                summary(0, "a", 10, "c", 5), false);

        assertThat(complete.levels()).containsExactly("a", "b", "c");
        assertThat(complete.reference()).containsExactly(10, 5, 0);
        assertThat(complete.current()).containsExactly(10, 0, 5);
    }

    @Test
    void shouldPoolLevelsWhoseExpectedCountIsBelowFiveInEitherSample() {
        // 100 rows against 1000: 'r' has pooled share 22/1100, expected 2 in the smaller sample; 's' 8 of
        // 1100 likewise; 'a' and 'b' stay
        DriftDetector.Table table = DriftDetector.align(summary(0, "a", 60, "b", 38, "r", 2),
                summary(0, "a", 580, "b", 392, "r", 20, "s", 8), true);

        assertThat(table.levels()).containsExactly("a", "b", "other");
        assertThat(table.reference()).containsExactly(60, 38, 2);
        assertThat(table.current()).containsExactly(580, 392, 28);
        assertThat(table.pooled()).isEqualTo(2);
    }

    @Test
    void shouldDriftWhenCategorySharesChange() {
        List<GeneratedRows.Spec> before = List.of(categorical("grade", levels(0.4, 0.3, 0.2, 0.1)));
        List<GeneratedRows.Spec> after = List.of(categorical("grade", levels(0.25, 0.25, 0.25, 0.25)));
        for (int rows : new int[] {400, 20_000}) {
            DriftReport report = DriftDetector.compare(GeneratedRows.profile(before, rows, 31, DEFAULTS),
                    GeneratedRows.profile(after, rows, 32, DEFAULTS), DriftOptions.defaults());

            ColumnDrift grade = column(report, "grade");
            assertThat(grade.drift()).as(rows + " rows: " + grade.note()).isTrue();
            assertThat(grade.method()).isEqualTo(rows < 1000 ? DriftMethod.CHI_SQUARE : DriftMethod.JENSEN_SHANNON);
            assertThat(report.datasetDrift()).isTrue();
        }
    }

    @Test
    void shouldReachTheSameVerdictFromSketchesAsFromExactValues() {
        List<GeneratedRows.Spec> reference = List.of(
                numeric("same", normal(0, 1)), numeric("tiny", normal(0, 1)), numeric("half", normal(0, 1)),
                numeric("wider", normal(0, 1)), numeric("discrete", random -> (double) random.nextInt(5)));
        List<GeneratedRows.Spec> current = List.of(
                numeric("same", normal(0, 1)), numeric("tiny", normal(0.03, 1)), numeric("half", normal(0.5, 1)),
                numeric("wider", normal(0, 2)), numeric("discrete", random -> (double) random.nextInt(6)));
        // the changes are chosen clear of the floors: right at a floor the two modes may fall on either side
        ProfileSettings exact = new ProfileSettings(DEFAULTS.sketchK(), DEFAULTS.bins(), DEFAULTS.topK(), 1_000_000);
        ProfileSettings sketched = new ProfileSettings(DEFAULTS.sketchK(), DEFAULTS.bins(), DEFAULTS.topK(), 0);
        int rows = 100_000;
        for (DriftMethod method : List.of(DriftMethod.WASSERSTEIN, DriftMethod.KS, DriftMethod.PSI,
                DriftMethod.JENSEN_SHANNON)) {
            DriftOptions options = DriftOptions.defaults();
            for (GeneratedRows.Spec spec : reference) {
                options = options.withColumn(spec.name(), DriftOptions.ColumnOptions.method(method));
            }
            DriftReport fromValues = DriftDetector.compare(GeneratedRows.profile(reference, rows, 41, exact),
                    GeneratedRows.profile(current, rows, 42, exact), options);
            DriftReport fromSketches = DriftDetector.compare(GeneratedRows.profile(reference, rows, 41, sketched),
                    GeneratedRows.profile(current, rows, 42, sketched), options);

            for (int i = 0; i < reference.size(); i++) {
                ColumnDrift a = fromValues.columns().get(i);
                ColumnDrift b = fromSketches.columns().get(i);
                assertThat(a.exact()).isTrue();
                assertThat(b.exact()).isFalse();
                assertThat(b.drift()).as(method + " " + a.name() + ": " + a.note() + " | " + b.note())
                        .isEqualTo(a.drift());
                assertThat(b.score()).as(method + " " + a.name()).isCloseTo(a.score(),
                        within(0.01 + 0.05 * a.score()));
            }
            assertThat(fromValues.drifted()).extracting(ColumnDrift::name)
                    .as(method.label()).contains("half", "discrete").doesNotContain("same", "tiny");
        }
    }

    @Test
    void shouldDriftOnASignificantMissingRateRiseUnlessDisabled() {
        List<GeneratedRows.Spec> before = List.of(numeric("x", sometimesMissing(0.01, normal(0, 1))),
                categorical("c", sometimesMissing(0.01, levels(1, 1))));
        List<GeneratedRows.Spec> after = List.of(numeric("x", sometimesMissing(0.2, normal(0, 1))),
                categorical("c", sometimesMissing(0.05, levels(1, 1))));
        Profile reference = GeneratedRows.profile(before, 5000, 51, DEFAULTS);
        Profile current = GeneratedRows.profile(after, 5000, 52, DEFAULTS);

        DriftReport report = DriftDetector.compare(reference, current, DriftOptions.defaults());

        ColumnDrift x = column(report, "x");
        assertThat(x.missingDrift()).isTrue();
        assertThat(x.drift()).isTrue();
        assertThat(x.score()).as("the values themselves did not change").isLessThan(0.1);
        assertThat(x.currentMissingRate()).isCloseTo(0.2, within(0.02));
        assertThat(x.note()).contains("missing rate").contains("missing-rate drift");
        ColumnDrift c = column(report, "c");
        assertThat(c.missingDrift()).as("a significant rise of 4 points is below the 0.1 floor").isFalse();
        assertThat(c.drift()).isFalse();
        assertThat(c.note()).contains("below the floor");

        DriftReport disabled = DriftDetector.compare(reference, current,
                DriftOptions.defaults().withMissingRateDrift(false));
        assertThat(column(disabled, "x").drift()).isFalse();
        assertThat(column(disabled, "x").note()).contains("disabled");
    }

    @Test
    void shouldReportAnAllMissingColumnWithoutATest() {
        List<GeneratedRows.Spec> before = List.of(numeric("x", normal(0, 1)), categorical("c", levels(1, 2)));
        List<GeneratedRows.Spec> after = List.of(numeric("x", random -> null), categorical("c", random -> null));

        DriftReport report = DriftDetector.compare(GeneratedRows.profile(before, 500, 61, DEFAULTS),
                GeneratedRows.profile(after, 500, 62, DEFAULTS), DriftOptions.defaults());

        for (ColumnDrift c : report.columns()) {
            assertThat(c.pValue()).isNull();
            assertThat(c.currentCount()).isZero();
            assertThat(c.note()).contains("no distribution test");
            assertThat(c.missingDrift()).isTrue();
            assertThat(c.drift()).isTrue();
        }
    }

    @Test
    void shouldLeaveNonFiniteValuesOutOfTheTestAndSaySo() {
        List<GeneratedRows.Spec> before = List.of(numeric("x", normal(0, 1)));
        // 5 %: a significant rise of the non-finite share, but below its 10-point floor (NonFiniteDriftTest has more)
        List<GeneratedRows.Spec> after = List.of(numeric("x", random -> random.nextDouble() < 0.05
                ? (random.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY) : normal(0, 1).draw(random)));

        ColumnDrift x = column(DriftDetector.compare(GeneratedRows.profile(before, 800, 71, DEFAULTS),
                GeneratedRows.profile(after, 800, 72, DEFAULTS), DriftOptions.defaults()), "x");

        assertThat(x.note()).containsPattern("current \\d+ NaN, \\d+ \\+Infinity, 0 -Infinity")
                .contains("reference 0 NaN, 0 +Infinity, 0 -Infinity")
                .contains("non-finite share (NaN, +Infinity, -Infinity) 0.00% -> ").contains("change below the floor");
        assertThat(x.drift()).isFalse();
        assertThat(x.nonFiniteDrift()).isFalse();
    }

    @Test
    void shouldListFeaturesFirstThenTargetAndPredictionAndCountOnlyFeatures() {
        List<GeneratedRows.Spec> before = List.of(numeric("label", normal(0, 1)), numeric("a", normal(0, 1)),
                numeric("score", normal(0, 1)), numeric("b", normal(0, 1)));
        List<GeneratedRows.Spec> after = List.of(numeric("label", normal(3, 1)), numeric("a", normal(0, 1)),
                numeric("score", normal(3, 1)), numeric("b", normal(2, 1)));
        DriftOptions options = DriftOptions.defaults().withTarget("label").withPrediction("score");

        DriftReport report = DriftDetector.compare(GeneratedRows.profile(before, 2000, 81, DEFAULTS),
                GeneratedRows.profile(after, 2000, 82, DEFAULTS), options);

        assertThat(report.columns()).extracting(ColumnDrift::name).containsExactly("a", "b", "label", "score");
        assertThat(report.columns()).extracting(ColumnDrift::role)
                .containsExactly(Role.FEATURE, Role.FEATURE, Role.TARGET, Role.PREDICTION);
        assertThat(report.drifted()).extracting(ColumnDrift::name).containsExactly("b", "label", "score");
        assertThat(report.driftShare()).isEqualTo(0.5);
        assertThat(report.datasetDrift()).isTrue();
        assertThat(DriftDetector.compare(GeneratedRows.profile(before, 2000, 81, DEFAULTS),
                GeneratedRows.profile(after, 2000, 82, DEFAULTS), options.withDriftShare(0.6)).datasetDrift())
                .isFalse();
    }

    @Test
    void shouldHonourPerColumnMethodThresholdAndAlpha() {
        List<GeneratedRows.Spec> before = List.of(numeric("x", normal(0, 1)), categorical("c", levels(3, 2, 1)));
        List<GeneratedRows.Spec> after = List.of(numeric("x", normal(0.6, 1)), categorical("c", levels(2, 2, 2)));
        Profile reference = GeneratedRows.profile(before, 5000, 91, DEFAULTS);
        Profile current = GeneratedRows.profile(after, 5000, 92, DEFAULTS);
        DriftOptions options = DriftOptions.defaults()
                .withColumn("x", new DriftOptions.ColumnOptions(DriftMethod.PSI, null, 1e-9))
                .withColumn("c", new DriftOptions.ColumnOptions(DriftMethod.L_INFINITY, 0.5, null));

        DriftReport report = DriftDetector.compare(reference, current, options);

        ColumnDrift x = column(report, "x");
        assertThat(x.method()).isEqualTo(DriftMethod.PSI);
        assertThat(x.threshold()).isEqualTo(0.2);
        assertThat(x.alpha()).isEqualTo(1e-9);
        assertThat(x.score()).isGreaterThan(0.2);
        assertThat(x.drift()).isTrue();
        ColumnDrift c = column(report, "c");
        assertThat(c.method()).isEqualTo(DriftMethod.L_INFINITY);
        assertThat(c.score()).isCloseTo(0.5 - 1.0 / 3, within(0.03));
        assertThat(c.drift()).as("an L-infinity of about 0.17 is below the user's 0.5").isFalse();
    }

    @Test
    void shouldCompareOnlyTheFilteredColumns() {
        List<GeneratedRows.Spec> before = List.of(numeric("a", normal(0, 1)), numeric("gone", normal(0, 1)));
        List<GeneratedRows.Spec> after = List.of(numeric("a", normal(0, 1)), numeric("new", normal(0, 1)));
        Profile reference = GeneratedRows.profile(before, 100, 1, DEFAULTS);
        Profile current = GeneratedRows.profile(after, 100, 2, DEFAULTS);

        assertThatThrownBy(() -> DriftDetector.compare(reference, current, DriftOptions.defaults()))
                .isInstanceOf(DriftException.class)
                .hasMessageContaining("column 'gone' in the reference (")
                .hasMessageContaining(") but not in the current data (")
                .hasMessageContaining("column 'new' in the current data (");
        DriftReport report = DriftDetector.compare(reference, current,
                DriftOptions.defaults().withColumns(List.of("a")));
        assertThat(report.columns()).extracting(ColumnDrift::name).containsExactly("a");
    }

    @Test
    void shouldRejectTypeMismatchesUnsuitedMethodsAndUnknownColumnsByName() {
        Profile numericX = GeneratedRows.profile(List.of(numeric("x", normal(0, 1))), 100, 1, DEFAULTS);
        Profile categoricalX = GeneratedRows.profile(List.of(categorical("x", levels(1, 1))), 100, 2, DEFAULTS);

        assertThatThrownBy(() -> DriftDetector.compare(numericX, categoricalX, DriftOptions.defaults()))
                .isInstanceOf(DriftException.class)
                .hasMessageContaining("'x' is numeric in the reference but categorical in the current data");
        assertThatThrownBy(() -> DriftDetector.compare(categoricalX, categoricalX, DriftOptions.defaults()
                .withColumn("x", DriftOptions.ColumnOptions.method(DriftMethod.KS))))
                .isInstanceOf(DriftException.class)
                .hasMessageContaining("Column 'x' is categorical").hasMessageContaining("'ks'");
        assertThatThrownBy(() -> DriftDetector.compare(numericX, numericX, DriftOptions.defaults()
                .withTarget("y")))
                .isInstanceOf(DriftException.class).hasMessageContaining("'y'");
        assertThat(DriftDetector.compare(numericX, numericX, DriftOptions.defaults()).columns().get(0).type())
                .isEqualTo(ColumnType.NUMERIC);
    }

    @Test
    void shouldRejectInvalidOptionsNamingTheValue() {
        assertThatThrownBy(() -> DriftOptions.defaults().withAlpha(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> DriftOptions.defaults().withDriftShare(0)).hasMessageContaining("0.0");
        assertThatThrownBy(() -> DriftOptions.ColumnOptions.threshold(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> DriftOptions.defaults().withTarget("y").withPrediction("y"))
                .hasMessageContaining("'y'");
        List<String> names = new ArrayList<>();
        names.add(" ");
        assertThatThrownBy(() -> DriftOptions.defaults().withColumns(names)).hasMessageContaining("blank");
    }
}
