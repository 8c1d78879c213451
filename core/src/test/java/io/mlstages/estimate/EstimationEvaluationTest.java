package io.mlstages.estimate;

import io.mlstages.TestData;
import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Metrics;
import io.mlstages.metrics.Predictions;
import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estimator on real data with a real shift, labels held back: a churn model trained on a third of the customers
 * ({@code telco-churn-train.csv}) and calibrated on another ({@code -calibration.csv}) is estimated on the last
 * third ({@code telco-churn-current.csv}) in windows of {@value #WINDOW} rows, from the longest-standing customers
 * to the newest, so that each window is a cohort (churn rising from 0 % to 70 %, the contracts changing with it);
 * each window's realized metric, computed from the labels the estimator did not see, is compared with the band.
 * The tables are written to {@code target/estimation-evaluation.md} (docs/estimation.md shows them).
 */
class EstimationEvaluationTest {
    static final int WINDOW = 100;

    @TempDir
    static Path folder;

    private static final java.util.Map<Algorithm, List<String>> TABLES = new java.util.EnumMap<>(Algorithm.class);

    /**
     * The GBT settings docs/estimation.md's tables were measured with (the trainer's defaults before issue 16:
     * depth-6 trees grown level by level, L2 1), kept so that the tables and the test stay one measurement.
     */
    static final java.util.Map<String, String> DOCUMENTED_GBT = java.util.Map.of("growPolicy", "depthwise",
            "maxDepth", "6", "maxLeaves", "0", "l2", "1");

    static TrainOptions documented(final Algorithm algorithm, final String target) {
        TrainOptions options = TrainOptions.of(algorithm, target);
        return algorithm == Algorithm.GBT ? options.withHyperparameters(DOCUMENTED_GBT) : options;
    }

    @Test
    void shouldCoverTheRealizedMetricsInMostWindowsOfTheCohorts() {
        for (Algorithm algorithm : List.of(Algorithm.GBT, Algorithm.LOGISTIC)) {
            Run run = run(algorithm, Setting.COHORTS);
            for (Metric metric : Estimator.metrics(io.mlstages.metrics.Task.BINARY)) {
                // nominal 95 %; measured 83 % to 100 % (docs/estimation.md): the band is too narrow when the
                // calibration is off for a cohort, which a bootstrap of the reference rows cannot know
                assertThat(run.coverage(metric)).as("%s %s coverage", algorithm, metric.label())
                        .isGreaterThanOrEqualTo(0.75);
            }
            // the shift is real: the newest cohorts are much harder than the oldest, and the estimate follows
            Window oldest = run.windows.get(0);
            Window newest = run.windows.get(run.windows.size() - 1);
            assertThat(newest.realized.value(Metric.ACCURACY)).isLessThan(oldest.realized.value(Metric.ACCURACY) - 0.2);
            assertThat(newest.estimate.metric(Metric.ACCURACY).orElseThrow().estimate())
                    .isLessThan(oldest.estimate.metric(Metric.ACCURACY).orElseThrow().estimate() - 0.2);
        }
    }

    /**
     * The limit: concept drift with unchanged inputs. The same rows with every label flipped (the relation from inputs
     * to churn reversed) get the very same estimate, since the estimator sees inputs only, while the realized
     * accuracy falls to one minus what it was: the band misses it in nearly every window.
     */
    @Test
    void shouldNotSeeConceptDriftWithUnchangedInputs() {
        Run plain = run(Algorithm.GBT, Setting.COHORTS);
        Run flipped = run(Algorithm.GBT, Setting.FLIPPED);
        for (int w = 0; w < plain.windows.size(); w++) {
            assertThat(flipped.windows.get(w).estimate.metric(Metric.ACCURACY).orElseThrow().estimate())
                    .isEqualTo(plain.windows.get(w).estimate.metric(Metric.ACCURACY).orElseThrow().estimate());
        }
        assertThat(flipped.coverage(Metric.ACCURACY)).isLessThanOrEqualTo(0.1);
        assertThat(flipped.coverage(Metric.ROC_AUC)).isLessThanOrEqualTo(0.1);
    }

    /** Where the rows come from. */
    private enum Setting {
        /** The three random thirds; current windows are successive cohorts. */
        COHORTS,
        /** As {@link #COHORTS}, every current label flipped. */
        FLIPPED
    }

    private record Window(int from, int to, PerformanceEstimate estimate, Evaluation realized) {
        boolean covers(final Metric metric) {
            MetricEstimate m = estimate.metric(metric).orElseThrow();
            double value = realized.value(metric);
            return value >= m.lower() && value <= m.upper();
        }
    }

    private record Run(Algorithm algorithm, List<Window> windows) {
        /** The share of the windows where the realized metric is defined whose band holds it. */
        double coverage(final Metric metric) {
            return windows.stream().filter(w -> w.covers(metric)).count() / (double) defined(metric);
        }

        long defined(final Metric metric) {
            return windows.stream().filter(w -> Double.isFinite(w.realized.value(metric))).count();
        }

        double meanEstimate(final Metric metric) {
            return windows.stream().mapToDouble(w -> w.estimate.metric(metric).orElseThrow().estimate()).average()
                    .orElseThrow();
        }

        double referenceValue(final Metric metric) {
            return windows.get(0).estimate.metric(metric).orElseThrow().reference();
        }
    }

    private static Run run(final Algorithm algorithm, final Setting setting) {
        Path train = TestData.dataset("telco-churn-train.csv");
        Path calibration = TestData.dataset("telco-churn-calibration.csv");
        Path current = TestData.dataset("telco-churn-current.csv");
        Path out = folder.resolve(algorithm.name().toLowerCase(Locale.ROOT));
        ModelPackage model = Files.isDirectory(out) ? ModelPackage.load(out)
                : Trainer.train(train, documented(algorithm, "churn"), out);
        boolean flip = setting == Setting.FLIPPED;
        Predictions reference = Scoring.score(model, calibration, ReadOptions.defaults());
        Predictions recent = Scoring.score(model, current, ReadOptions.defaults());
        int[] actual = recent.actualClass();
        double[][] probabilities = recent.probabilities();
        List<Window> windows = new ArrayList<>();
        for (int from = 0; from < recent.size() && recent.size() - from >= WINDOW / 2; from += WINDOW) {
            // the last window takes the rest when it is at least half a window
            int to = Math.min(recent.size(), from + WINDOW);
            double[][] rows = Arrays.copyOfRange(probabilities, from, to);
            int[] labels = Arrays.copyOfRange(actual, from, to);
            if (flip) {
                labels = Arrays.stream(labels).map(c -> 1 - c).toArray();
            }
            PerformanceEstimate estimate = Estimator.estimate(reference, rows, EstimateOptions.defaults());
            Evaluation realized = Metrics.evaluate(new Predictions(recent.task(), recent.classes(), labels, rows,
                    null, null, 0));
            windows.add(new Window(from, to, estimate, realized));
        }
        Run run = new Run(algorithm, windows);
        if (!flip && !TABLES.containsKey(algorithm)) {
            TABLES.put(algorithm, table(run));
            write();
        }
        return run;
    }

    private static List<String> table(final Run run) {
        List<String> table = new ArrayList<>();
        List<Metric> metrics = Estimator.metrics(io.mlstages.metrics.Task.BINARY);
        StringBuilder head = new StringBuilder("| window (rows) |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Metric metric : metrics) {
            head.append(' ').append(metric.label()).append(" estimated [band] | realized |");
            rule.append("---|---|");
        }
        table.add("");
        table.add("### " + run.algorithm().label());
        table.add("");
        table.add(head.toString());
        table.add(rule.toString());
        for (Window w : run.windows()) {
            StringBuilder line = new StringBuilder("| " + (w.from + 1) + "-" + w.to + " |");
            for (Metric metric : metrics) {
                MetricEstimate m = w.estimate.metric(metric).orElseThrow();
                double value = w.realized.value(metric);
                // bold: outside the band; an undefined realized value (one class only) is not counted
                String realized = Double.isNaN(value) ? "undefined"
                        : String.format(Locale.ROOT, w.covers(metric) ? "%.3f" : "**%.3f**", value);
                line.append(String.format(Locale.ROOT, " %.3f [%.3f, %.3f] | %s |", m.estimate(), m.lower(),
                        m.upper(), realized));
            }
            table.add(line.toString());
        }
        StringBuilder coverage = new StringBuilder("| covered |");
        for (Metric metric : metrics) {
            long covered = run.windows().stream().filter(w -> w.covers(metric)).count();
            coverage.append(String.format(Locale.ROOT, " | %d of %d |", covered, run.defined(metric)));
        }
        table.add(coverage.toString());
        StringBuilder reference = new StringBuilder("| calibration rows (realized) |");
        for (Metric metric : metrics) {
            reference.append(String.format(Locale.ROOT, " | %.3f |", run.referenceValue(metric)));
        }
        table.add(reference.toString());
        return table;
    }

    private static void write() {
        try {
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "estimation-evaluation.md"),
                    TABLES.values().stream().flatMap(List::stream).toList());
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
