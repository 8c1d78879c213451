package io.mlstages.drift;

import static io.mlstages.drift.GeneratedRows.categorical;
import static io.mlstages.drift.GeneratedRows.levels;
import static io.mlstages.drift.GeneratedRows.normal;
import static io.mlstages.drift.GeneratedRows.numeric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlstages.data.ColumnType;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The edge cases every drift method must handle, driven by the method enum so that a new method is tested from
 * the moment it exists: identical samples, a location shift, a scale change, disjoint supports, a constant
 * reference, all values missing, a few rows only, one category only; and a clear refusal where a method does
 * not suit the column's type. Profiles are built by the Profiler from seeded generators.
 */
class MethodBatteryTest {

    private static final ProfileSettings DEFAULTS = ProfileSettings.defaults();
    private static final int ROWS = 3000;
    /** Enough rows for the scale case to go through the sketches, and for its scores to sit near their limits. */
    private static final int SCALE_ROWS = 200_000;

    /**
     * The methods whose score reaches its floor when the standard deviation grows by half (a normal column,
     * large samples): the binned distances, Wasserstein, energy and Anderson–Darling. KS (0.097 against 0.1),
     * Cramér–von Mises (0.069 against 0.075) and PSI (0.19 against 0.2) are built to see shifts: the two CDFs
     * cross in the middle, so a pure scale change leaves their gap small.
     */
    private static final Set<DriftMethod> SCALE_SENSITIVE = EnumSet.of(DriftMethod.JENSEN_SHANNON,
            DriftMethod.WASSERSTEIN, DriftMethod.HELLINGER, DriftMethod.KULLBACK_LEIBLER, DriftMethod.TOTAL_VARIATION,
            DriftMethod.ANDERSON_DARLING, DriftMethod.ENERGY);

    private static Profile base;
    private static Profile same;
    private static Profile shifted;
    private static Profile far;
    private static Profile constant;
    private static Profile missing;
    private static Profile aroundConstant;
    private static Profile scaleBase;
    private static Profile scaled;
    private static Profile levelsBase;
    private static Profile levelsSame;
    private static Profile levelsMoved;
    private static Profile levelsDisjoint;
    private static Profile levelsMissing;
    private static Profile oneLevel;
    private static Profile oneLevelAgain;

    @BeforeAll
    static void profile() {
        base = numbers(normal(0, 1), ROWS, 1);
        same = numbers(normal(0, 1), ROWS, 1);
        shifted = numbers(normal(0.5, 1), ROWS, 2);
        far = numbers(normal(100, 1), ROWS, 3);
        constant = numbers(random -> 5.0, ROWS, 4);
        missing = numbers(random -> null, ROWS, 5);
        aroundConstant = numbers(normal(5, 1), ROWS, 14);
        scaleBase = numbers(normal(0, 1), SCALE_ROWS, 6);
        scaled = numbers(normal(0, 1.5), SCALE_ROWS, 7);
        levelsBase = words(levels(0.5, 0.3, 0.2), ROWS, 8);
        levelsSame = words(levels(0.5, 0.3, 0.2), ROWS, 8);
        levelsMoved = words(levels(0.2, 0.3, 0.5), ROWS, 9);
        levelsDisjoint = words(random -> random.nextBoolean() ? "X" : "Y", ROWS, 10);
        levelsMissing = words(random -> null, ROWS, 11);
        oneLevel = words(random -> "only", ROWS, 12);
        oneLevelAgain = words(random -> "only", ROWS / 2, 13);
    }

    private static Profile numbers(final GeneratedRows.Cell cell, final int rows, final long seed) {
        return GeneratedRows.profile(List.of(numeric("x", cell)), rows, seed, DEFAULTS);
    }

    private static Profile words(final GeneratedRows.Cell cell, final int rows, final long seed) {
        return GeneratedRows.profile(List.of(categorical("x", cell)), rows, seed, DEFAULTS);
    }

    private static ColumnDrift compare(final Profile reference, final Profile current, final DriftMethod method) {
        return DriftDetector.compare(reference, current, DriftOptions.defaults()
                .withColumn("x", DriftOptions.ColumnOptions.method(method))).columns().get(0);
    }

    /** The method a column reports: the one asked for, but KS where a relative score has no spread to use. */
    private static DriftMethod expectedOnConstant(final DriftMethod method) {
        return method == DriftMethod.WASSERSTEIN || method == DriftMethod.ENERGY ? DriftMethod.KS : method;
    }

    @ParameterizedTest
    @EnumSource(DriftMethod.class)
    void shouldHandleEveryNumericCaseOrRefuseNumericColumns(final DriftMethod method) {
        if (!method.supports(ColumnType.NUMERIC)) {
            assertThatThrownBy(() -> compare(base, shifted, method)).isInstanceOf(DriftException.class)
                    .hasMessageContaining("Column 'x' is numeric")
                    .hasMessageContaining("'" + method.label() + "'");
            return;
        }
        SoftAssertions soft = new SoftAssertions();

        ColumnDrift identical = compare(base, same, method);
        soft.assertThat(identical.method()).as("method").isEqualTo(method);
        soft.assertThat(identical.exact()).as("exact values").isTrue();
        soft.assertThat(identical.score()).as("identical score").isBetween(0.0, 1e-6);
        soft.assertThat(identical.pValue()).as("identical p").isGreaterThanOrEqualTo(0.25);
        soft.assertThat(identical.drift()).as("identical drift").isFalse();
        soft.assertThat(identical.threshold()).as("default floor").isEqualTo(DriftDetector.defaultThreshold(method));

        ColumnDrift shift = compare(base, shifted, method);
        soft.assertThat(shift.score()).as("shift score at the floor").isGreaterThanOrEqualTo(shift.threshold());
        soft.assertThat(shift.pValue()).as("shift p").isLessThan(0.01);
        soft.assertThat(shift.drift()).as("half-sd shift drifts").isTrue();
        soft.assertThat(shift.note()).as("shift note").startsWith("drifted: significant");

        ColumnDrift scale = compare(scaleBase, scaled, method);
        soft.assertThat(scale.exact()).as("scale case from sketches").isFalse();
        soft.assertThat(scale.drift()).as("sd x1.5 drifts by " + method.label() + " (score " + scale.score() + ")")
                .isEqualTo(SCALE_SENSITIVE.contains(method));
        soft.assertThat(scale.pValue()).as("sd x1.5 is significant").isLessThan(0.01);

        ColumnDrift disjoint = compare(base, far, method);
        soft.assertThat(disjoint.score()).as("disjoint score finite").isFinite().isGreaterThan(disjoint.threshold());
        soft.assertThat(disjoint.drift()).as("disjoint drift").isTrue();

        // values spread around the former constant: the binned methods have one edge (the constant) and see the
        // half above it (docs/drift.md: values all below a constant reference stay in its one bin)
        ColumnDrift fromConstant = compare(constant, aroundConstant, method);
        soft.assertThat(fromConstant.method()).as("constant reference method").isEqualTo(expectedOnConstant(method));
        soft.assertThat(fromConstant.score()).as("constant reference score").isFinite();
        soft.assertThat(fromConstant.drift()).as("constant reference drift").isTrue();
        if (method != fromConstant.method()) {
            soft.assertThat(fromConstant.note()).as("fallback named").contains("the reference is constant");
        }
        ColumnDrift bothConstant = compare(constant, constant, method);
        soft.assertThat(bothConstant.drift()).as("constant against itself").isFalse();
        soft.assertThat(bothConstant.score()).as("constant against itself").isBetween(0.0, 1e-6);

        ColumnDrift allMissing = compare(base, missing, method);
        soft.assertThat(allMissing.pValue()).as("no values, no test").isNull();
        soft.assertThat(allMissing.note()).as("all missing note").contains("no finite values in the current data");
        soft.assertThat(allMissing.drift()).as("the missing rate drifted").isTrue();

        Profile few = numbers(normal(0, 1), 4, 20);
        Profile fewAgain = numbers(normal(0, 1), 4, 20);
        Profile fewFar = numbers(normal(10, 1), 5, 21);
        ColumnDrift fewSame = compare(few, fewAgain, method);
        soft.assertThat(fewSame.pValue()).as("few identical rows p").isGreaterThanOrEqualTo(0.25);
        soft.assertThat(fewSame.drift()).as("few identical rows").isFalse();
        ColumnDrift fewApart = compare(few, fewFar, method);
        soft.assertThat(fewApart.pValue()).as("4 vs 5 rows apart p").isBetween(0.0, 0.05);
        soft.assertThat(fewApart.drift()).as("4 vs 5 rows apart drift").isTrue();
        soft.assertAll();
    }

    @ParameterizedTest
    @EnumSource(DriftMethod.class)
    void shouldHandleEveryCategoricalCaseOrRefuseCategoricalColumns(final DriftMethod method) {
        if (!method.supports(ColumnType.CATEGORICAL)) {
            assertThatThrownBy(() -> compare(levelsBase, levelsMoved, method)).isInstanceOf(DriftException.class)
                    .hasMessageContaining("Column 'x' is categorical")
                    .hasMessageContaining("'" + method.label() + "'");
            return;
        }
        SoftAssertions soft = new SoftAssertions();
        ColumnDrift identical = compare(levelsBase, levelsSame, method);
        soft.assertThat(identical.method()).as("method").isEqualTo(method);
        soft.assertThat(identical.score()).as("identical score").isBetween(0.0, 1e-6);
        soft.assertThat(identical.pValue()).as("identical p").isEqualTo(1.0);
        soft.assertThat(identical.drift()).as("identical drift").isFalse();

        ColumnDrift moved = compare(levelsBase, levelsMoved, method);
        soft.assertThat(moved.score()).as("moved shares score").isGreaterThanOrEqualTo(moved.threshold());
        soft.assertThat(moved.drift()).as("moved shares drift").isTrue();

        ColumnDrift disjoint = compare(levelsBase, levelsDisjoint, method);
        soft.assertThat(disjoint.score()).as("disjoint levels score finite").isFinite()
                .isGreaterThan(disjoint.threshold());
        soft.assertThat(disjoint.drift()).as("disjoint levels drift").isTrue();

        ColumnDrift single = compare(oneLevel, oneLevelAgain, method);
        soft.assertThat(single.score()).as("one level score").isBetween(0.0, 1e-6);
        soft.assertThat(single.pValue()).as("one level p").isEqualTo(1.0);
        soft.assertThat(single.drift()).as("one level drift").isFalse();
        soft.assertThat(single.note()).as("one level note").contains("a single level");

        ColumnDrift allMissing = compare(levelsBase, levelsMissing, method);
        soft.assertThat(allMissing.pValue()).as("no values, no test").isNull();
        soft.assertThat(allMissing.drift()).as("the missing rate drifted").isTrue();

        ColumnDrift few = compare(words(levels(1, 1), 3, 30), words(levels(1, 1), 3, 30), method);
        soft.assertThat(few.pValue()).as("few identical rows p").isEqualTo(1.0);
        soft.assertThat(few.drift()).as("few identical rows").isFalse();
        soft.assertAll();
    }

    @ParameterizedTest
    @EnumSource(DriftMethod.class)
    void shouldParseItsLabelAndBeListedWhenANameIsUnknown(final DriftMethod method) {
        assertThat(DriftMethod.parse(method.label())).isEqualTo(method);
        assertThat(DriftMethod.parse(" " + method.label().toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
                .isEqualTo(method);
        assertThatThrownBy(() -> DriftMethod.parse("bhattacharyya")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bhattacharyya'").hasMessageContaining(method.label());
    }

    /**
     * The same samples through sketches (exact limit 0) and through exact values: a million-row profile is scored
     * from its sketch, so the two paths must agree (within the sketch's error) on the score and the verdict.
     */
    @ParameterizedTest
    @EnumSource(DriftMethod.class)
    void shouldScoreFromSketchesAsFromExactValues(final DriftMethod method) {
        if (!method.supports(ColumnType.NUMERIC)) {
            return;
        }
        ProfileSettings sketchOnly = DEFAULTS.withExactLimit(0);
        Profile sketchBase = GeneratedRows.profile(List.of(numeric("x", normal(0, 1))), ROWS, 1, sketchOnly);
        Profile sketchShifted = GeneratedRows.profile(List.of(numeric("x", normal(0.5, 1))), ROWS, 2, sketchOnly);
        Profile sketchSame = GeneratedRows.profile(List.of(numeric("x", normal(0, 1))), ROWS, 40, sketchOnly);
        Profile exactSame = numbers(normal(0, 1), ROWS, 40);
        ColumnDrift exact = compare(base, shifted, method);
        ColumnDrift sketch = compare(sketchBase, sketchShifted, method);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(sketch.exact()).as("from sketches").isFalse();
        soft.assertThat(sketch.score()).as("shift score from sketches")
                .isCloseTo(exact.score(), org.assertj.core.api.Assertions.withinPercentage(10));
        soft.assertThat(sketch.drift()).as("shift verdict from sketches").isTrue();
        ColumnDrift exactNoise = compare(base, exactSame, method);
        ColumnDrift sketchNoise = compare(sketchBase, sketchSame, method);
        soft.assertThat(exactNoise.drift()).as("two samples of one distribution, exact").isFalse();
        soft.assertThat(sketchNoise.drift()).as("two samples of one distribution, sketches").isFalse();
        soft.assertThat(sketchNoise.pValue()).as("sketch p of one distribution")
                .isGreaterThanOrEqualTo(exactNoise.pValue() * 0.5);
        soft.assertAll();
    }
}
