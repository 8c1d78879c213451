package io.mlstages.drift;

import io.mlstages.TestData;
import io.mlstages.data.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The domain classifier on real data (issue 13): it exists for the drift no per-column test can see, a change
 * in how columns go together.
 */
class MultivariateDriftTest {
    @TempDir
    Path dir;

    /**
     * Seattle's daily highs and lows go together (r about 0.88). Shuffling the lows across days keeps every
     * column's values exactly (the marginals are identical) but breaks that link: every univariate method must
     * call every column clean, and the classifier must flag drift, naming the two temperatures first.
     */
    @Test
    void aBrokenCorrelationIsFoundWhereEveryUnivariateMethodSeesNothing() throws IOException {
        Path reference = TestData.dataset("seattle-weather.csv");
        Path current = shuffled(reference, "temp_min", 7);

        for (DriftMethod method : DriftMethod.values()) {
            DriftOptions options = DriftOptions.defaults();
            for (String column : List.of("precipitation", "temp_max", "temp_min", "wind")) {
                if (method.supports(ColumnType.NUMERIC)) {
                    options = options.withColumn(column, DriftOptions.ColumnOptions.method(method));
                }
            }
            if (method.supports(ColumnType.CATEGORICAL)) {
                options = options.withColumn("weather", DriftOptions.ColumnOptions.method(method));
            }
            DriftReport plain = DriftCheck.run(new DriftCheck.Request(reference, List.of(current), options, null,
                    null, null)).report();
            assertThat(plain.drifted()).as("columns drifted under %s", method).isEmpty();
            assertThat(plain.datasetDrift()).isFalse();
        }

        DriftReport report = DriftCheck.run(request(reference, current, MultivariateOptions.defaults())).report();
        MultivariateDrift multivariate = report.multivariate();
        assertThat(report.drifted()).isEmpty();
        assertThat(multivariate.drift()).isTrue();
        assertThat(report.datasetDrift()).as("a multivariate drift is dataset drift").isTrue();
        assertThat(multivariate.auc()).isGreaterThan(0.7);
        assertThat(multivariate.pValue()).isLessThan(1e-10);
        assertThat(multivariate.referenceSample()).isEqualTo(1461);
        assertThat(multivariate.currentSample()).isEqualTo(1461);
        assertThat(multivariate.features().subList(0, 2)).extracting(MultivariateDrift.Feature::name)
                .containsExactlyInAnyOrder("temp_max", "temp_min");
        assertThat(multivariate.features().get(0).share() + multivariate.features().get(1).share())
                .isGreaterThan(0.6);
        assertThat(multivariate.features()).extracting(MultivariateDrift.Feature::name).doesNotContain("date");
        assertThat(multivariate.note()).startsWith("drifted: ").contains("driven most by temp_");
        System.out.printf("broken correlation: AUC %.4f p %.3g, %s%n", multivariate.auc(), multivariate.pValue(),
                multivariate.features());

        DriftReport again = DriftCheck.run(request(reference, current, MultivariateOptions.defaults())).report();
        assertThat(again.multivariate()).as("deterministic for a seed").isEqualTo(multivariate);
    }

    /** Random halves of the same real data are one population: the classifier must not flag them, seed after seed. */
    @Test
    void randomHalvesOfRealDataAreNotFlagged() throws IOException {
        for (String name : List.of("seattle-weather.csv", "german-credit.csv")) {
            for (int seed = 1; seed <= 4; seed++) {
                Path[] halves = halves(TestData.dataset(name), seed);
                DriftReport report = DriftCheck.run(request(halves[0], halves[1],
                        MultivariateOptions.defaults().withSeed(seed))).report();
                MultivariateDrift multivariate = report.multivariate();
                System.out.printf("%s halves, seed %d: AUC %.4f p %.3g%n", name, seed, multivariate.auc(),
                        multivariate.pValue());
                assertThat(multivariate.drift()).as("%s seed %d: %s", name, seed, multivariate.note()).isFalse();
                assertThat(multivariate.auc()).isLessThan(0.55);
                assertThat(multivariate.note()).startsWith("no drift: ");
            }
        }
    }

    /** A real shift (Seattle 2012 against 2015) is found too, and the sample bound holds. */
    @Test
    void theSampleIsBoundedAndARealChangeIsFound() {
        DriftReport report = DriftCheck.run(request(TestData.dataset("seattle-weather-2012.csv"),
                TestData.dataset("seattle-weather-2015.csv"), MultivariateOptions.defaults().withSampleRows(200)))
                .report();
        assertThat(report.multivariate().referenceSample()).isEqualTo(200);
        assertThat(report.multivariate().currentSample()).isEqualTo(200);
        assertThat(report.multivariate().drift()).isTrue();
    }

    /** Several current files are one sample: the classifier sees rows of each. */
    @Test
    void severalCurrentFilesAreSampledAsOne() throws IOException {
        Path[] halves = halves(TestData.dataset("seattle-weather.csv"), 3);
        DriftReport report = DriftCheck.run(new DriftCheck.Request(TestData.dataset("seattle-weather.csv"),
                List.of(halves[0], halves[1]), null, null, null, null, MultivariateOptions.defaults())).report();
        assertThat(report.multivariate().currentSample()).isEqualTo(1461);
        assertThat(report.multivariate().drift()).isFalse();
    }

    /** Too few rows to cross-validate: said in the note, never drift. */
    @Test
    void tooFewRowsAreNotTestedAndSaySo() throws IOException {
        List<String> lines = Files.readAllLines(TestData.dataset("seattle-weather.csv"), StandardCharsets.UTF_8);
        Path few = dir.resolve("few.csv");
        Files.write(few, lines.subList(0, 8), StandardCharsets.UTF_8);
        DriftReport report = DriftCheck.run(request(TestData.dataset("seattle-weather.csv"), few,
                MultivariateOptions.defaults())).report();
        assertThat(report.multivariate().drift()).isFalse();
        assertThat(report.multivariate().auc()).isNaN();
        assertThat(report.multivariate().note()).isEqualTo("too few rows for 5-fold cross-validation (reference 1461, "
                + "current 7; at least 10 per side): not tested");
    }

    @Test
    void aStoredProfileHasNoRowsToTrainOn() throws IOException {
        Path profile = TestData.folder().resolve("../profiles/v1/chicago-2002.json");
        assertThatThrownBy(() -> DriftCheck.run(request(profile, TestData.dataset("chicago-2008.csv"),
                MultivariateOptions.defaults())))
                .isInstanceOf(DriftException.class)
                .hasMessageContaining("the reference " + profile)
                .hasMessageContaining("has no rows, only a profile");
    }

    @Test
    void theMannWhitneyPValueMatchesScipy() {
        // scipy.stats.mannwhitneyu([3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6], alternative='greater',
        // method="asymptotic", use_continuity=True).pvalue = 0.0627651; U = 28
        double[] scores = {3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6};
        double[] ranks = DomainClassifier.midranks(scores);
        double u = 0;
        for (int i = 0; i < 6; i++) {
            u += ranks[i];
        }
        u -= 21;
        assertThat(u).isEqualTo(28);
        assertThat(DomainClassifier.mannWhitneyUpperP(u, 6, 6, DomainClassifier.tieSum(scores)))
                .isCloseTo(0.0627651, within(1e-6));
    }

    private static DriftCheck.Request request(final Path reference, final Path current,
            final MultivariateOptions options) {
        return new DriftCheck.Request(reference, List.of(current), null, null, null, null, options);
    }

    /** The file with one column's values shuffled across rows. */
    private Path shuffled(final Path file, final String column, final long seed) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int at = List.of(lines.get(0).split(",")).indexOf(column);
        List<String> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            values.add(line.split(",", -1)[at]);
        }
        Collections.shuffle(values, new Random(seed));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[at] = values.get(i - 1);
            out.add(String.join(",", cells));
        }
        Path target = dir.resolve("shuffled-" + column + ".csv");
        Files.write(target, out, StandardCharsets.UTF_8);
        return target;
    }

    /** The file's rows dealt at random into two files. */
    private Path[] halves(final Path file, final long seed) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(rows, new Random(seed));
        Path a = dir.resolve(seed + "-a-" + file.getFileName());
        Path b = dir.resolve(seed + "-b-" + file.getFileName());
        List<String> first = new ArrayList<>(List.of(lines.get(0)));
        first.addAll(rows.subList(0, rows.size() / 2));
        List<String> second = new ArrayList<>(List.of(lines.get(0)));
        second.addAll(rows.subList(rows.size() / 2, rows.size()));
        Files.write(a, first, StandardCharsets.UTF_8);
        Files.write(b, second, StandardCharsets.UTF_8);
        return new Path[] {a, b};
    }
}
