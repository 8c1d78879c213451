package io.mlstages.estimate;

import io.mlstages.TestData;
import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Metrics;
import io.mlstages.metrics.Predictions;
import io.mlstages.metrics.Task;
import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estimator of several classes on real data with a real shift, labels held back: the unix jobs of R modeldata's
 * {@code hpc_data} (four classes by run time, VF, F, M, L), a model trained on a random third ({@code
 * hpc-jobs-train.csv}) and calibrated on another ({@code -calibration.csv}), estimated on the last third ({@code
 * hpc-jobs-current.csv}) in windows of {@value #WINDOW} rows ordered by the job's number of compounds (the last
 * window takes the rest, 143 rows), so that the class mix moves from 71 % VF and no L to 20 % VF and 32 % L; each window's realized metric, computed from the labels the estimator did
 * not see, is compared with its band. The tables are written to {@code target/estimation-evaluation-multiclass.md}
 * (docs/estimation.md shows them).
 */
class MulticlassEstimationEvaluationTest {
    static final int WINDOW = 100;

    @TempDir
    static Path folder;

    private static final List<String> TABLES = new ArrayList<>();

    @Test
    void shouldCoverTheRealizedMetricsInMostWindowsAsTheClassMixShifts() {
        for (Algorithm algorithm : List.of(Algorithm.GBT, Algorithm.LOGISTIC)) {
            List<Window> windows = windows(algorithm);
            TABLES.addAll(table(algorithm, windows));
            write();
            // the shift is real: the smallest jobs are mostly VF and none L, the largest mostly M and L
            Window first = windows.get(0);
            Window last = windows.get(windows.size() - 1);
            assertThat(share(first, "VF")).isGreaterThan(0.6);
            assertThat(share(first, "L")).isZero();
            assertThat(share(last, "VF")).isLessThan(0.25);
            assertThat(share(last, "L") + share(last, "M")).isGreaterThan(0.5);
            for (Metric metric : Estimator.metrics(Task.MULTICLASS)) {
                // most windows, not the nominal 95 %: measured 71 % to 100 % (10 to 14 of 14 windows,
                // docs/estimation.md); the band is too narrow where the calibration is off for the largest jobs
                assertThat(coverage(windows, metric)).as("%s %s coverage", algorithm, metric.label())
                        .isGreaterThanOrEqualTo(FLOOR);
            }
        }
    }

    /** The least share of the windows whose band must hold the realized value, for every metric and model. */
    static final double FLOOR = 0.65;

    private record Window(int from, int to, PerformanceEstimate estimate, Evaluation realized, int[] labels,
            List<String> classes) {
        boolean covers(final Metric metric) {
            MetricEstimate m = estimate.metric(metric).orElseThrow();
            double value = realized.value(metric);
            return value >= m.lower() && value <= m.upper();
        }
    }

    private static double share(final Window window, final String label) {
        int c = window.classes().indexOf(label);
        return Arrays.stream(window.labels()).filter(x -> x == c).count() / (double) window.labels().length;
    }

    private static double coverage(final List<Window> windows, final Metric metric) {
        long defined = windows.stream().filter(w -> Double.isFinite(w.realized.value(metric))).count();
        return windows.stream().filter(w -> w.covers(metric)).count() / (double) defined;
    }

    private static List<Window> windows(final Algorithm algorithm) {
        Path out = folder.resolve(algorithm.name().toLowerCase(Locale.ROOT));
        ModelPackage model = Trainer.train(TestData.dataset("hpc-jobs-train.csv"),
                EstimationEvaluationTest.documented(algorithm, "class"),
                out);
        assertThat(model.metadata().task()).isEqualTo(Task.MULTICLASS);
        Predictions reference = Scoring.score(model, TestData.dataset("hpc-jobs-calibration.csv"),
                ReadOptions.defaults());
        Predictions recent = Scoring.score(model, TestData.dataset("hpc-jobs-current.csv"), ReadOptions.defaults());
        int[] actual = recent.actualClass();
        double[][] probabilities = recent.probabilities();
        List<Window> windows = new ArrayList<>();
        for (int from = 0; from < recent.size() && recent.size() - from >= WINDOW / 2; from += WINDOW) {
            // the last window takes the rest when it is at least half a window
            int to = recent.size() - from < WINDOW * 3 / 2 ? recent.size() : from + WINDOW;
            double[][] rows = Arrays.copyOfRange(probabilities, from, to);
            int[] labels = Arrays.copyOfRange(actual, from, to);
            PerformanceEstimate estimate = Estimator.estimate(reference, rows, EstimateOptions.defaults());
            Evaluation realized = Metrics.evaluate(new Predictions(recent.task(), recent.classes(), labels, rows,
                    null, null, 0));
            windows.add(new Window(from, to, estimate, realized, labels, recent.classes()));
            if (to == recent.size()) {
                break;
            }
        }
        return windows;
    }

    private static List<String> table(final Algorithm algorithm, final List<Window> windows) {
        List<String> table = new ArrayList<>();
        List<Metric> metrics = Estimator.metrics(Task.MULTICLASS);
        List<String> classes = windows.get(0).classes();
        StringBuilder head = new StringBuilder("| window (rows) | " + String.join(" / ", classes) + " |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Metric metric : metrics) {
            head.append(' ').append(metric.label()).append(" estimated [band] | realized |");
            rule.append("---|---|");
        }
        table.add("");
        table.add("#### " + algorithm.label() + ", four classes");
        table.add("");
        table.add(head.toString());
        table.add(rule.toString());
        for (Window w : windows) {
            List<String> mix = new ArrayList<>();
            for (String label : classes) {
                mix.add(String.format(Locale.ROOT, "%.0f", 100 * share(w, label)));
            }
            StringBuilder line = new StringBuilder("| " + (w.from + 1) + "-" + w.to + " | " + String.join(" / ", mix)
                    + " |");
            for (Metric metric : metrics) {
                MetricEstimate m = w.estimate.metric(metric).orElseThrow();
                double value = w.realized.value(metric);
                // bold: outside the band
                String realized = Double.isNaN(value) ? "undefined"
                        : String.format(Locale.ROOT, w.covers(metric) ? "%.3f" : "**%.3f**", value);
                line.append(String.format(Locale.ROOT, " %.3f [%.3f, %.3f] | %s |", m.estimate(), m.lower(),
                        m.upper(), realized));
            }
            table.add(line.toString());
        }
        StringBuilder covered = new StringBuilder("| covered | |");
        for (Metric metric : metrics) {
            long defined = windows.stream().filter(w -> Double.isFinite(w.realized.value(metric))).count();
            covered.append(String.format(Locale.ROOT, " | %d of %d |",
                    windows.stream().filter(w -> w.covers(metric)).count(), defined));
        }
        table.add(covered.toString());
        StringBuilder reference = new StringBuilder("| calibration rows (realized) | |");
        for (Metric metric : metrics) {
            reference.append(String.format(Locale.ROOT, " | %.3f |",
                    windows.get(0).estimate.metric(metric).orElseThrow().reference()));
        }
        table.add(reference.toString());
        return table;
    }

    private static void write() {
        try {
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "estimation-evaluation-multiclass.md"), TABLES);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
