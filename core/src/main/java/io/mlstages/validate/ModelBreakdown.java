package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ColumnType;
import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Metrics;
import io.mlstages.metrics.Predictions;
import io.mlstages.metrics.Task;
import io.mlstages.train.Explainer;
import io.mlstages.train.Explanation;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Adds a {@link Breakdown} to a validation report: the candidate's explanation ({@link Explainer}) and, with
 * {@code --slice}, its metrics per slice with the slice gates, which fail the report when a judged slice misses a
 * bound. Semantics, defaults and why: {@code docs/validation.md}.
 */
public final class ModelBreakdown {
    /** The quantile bins of a numeric column with more distinct values than slices: its quartiles. */
    static final int BINS = 4;

    private ModelBreakdown() {
    }

    /**
     * Checks slice options against a task before anything is read: each gate's metric must apply to it.
     *
     * @throws ValidationException naming the option and the metrics that apply
     */
    public static void checkOptions(final SliceOptions slices, final Task task) {
        for (Gate.Bound gate : slices.gates()) {
            if (!gate.metric().appliesTo(task)) {
                List<String> known = Metric.forTask(task).stream().map(Metric::label).toList();
                throw new ValidationException("--" + gate.side().label() + "-slice " + gate.metric().label() + ": "
                        + gate.metric().label() + " does not apply to a " + task.label() + " model; its metrics are "
                        + String.join(", ", known));
            }
        }
    }

    /**
     * The report with the candidate package's breakdown on the evaluation data, and one slice gate per bound and
     * column. A report whose candidate could not score the data (its schema gate failed) is returned as it is.
     * Without {@code explain} the explanation is left out, and its pass over the data with it
     * ({@code validate --no-explain}).
     *
     * @throws ValidationException when a slice gate's metric does not apply to the model's task
     * @throws io.mlstages.data.DataException naming the file and column when a slicing column is not in the data
     */
    public static ValidationReport add(final ValidationReport report, final Path model, final Path data,
            final ReadOptions read, final SliceOptions slices, final boolean explain) {
        Objects.requireNonNull(slices, "slices");
        if (report.metrics() == null) {
            return report;
        }
        checkOptions(slices, report.task());
        ModelPackage candidate = ModelPackage.load(model);
        Explanation explanation = explain ? Explainer.explain(candidate, data, read).orElse(null) : null;
        if (!slices.any() || !candidate.canPredict()) {
            return report.withBreakdown(new Breakdown(explanation, List.of()), List.of());
        }
        Scoring.Scored scored = Scoring.score(candidate, data, read, slices.columns());
        List<Slice> all = new ArrayList<>();
        List<GateResult> gates = new ArrayList<>();
        Metric ranked = slices.rankedBy(report.task());
        for (Scoring.Column column : scored.columns()) {
            List<Slice> sliced = judge(scored.predictions(), slice(column, slices), slices);
            gates.addAll(gates(column.name(), sliced, slices));
            all.addAll(sliced);
        }
        all.sort(worstFirst(ranked));
        return report.withBreakdown(new Breakdown(explanation, all), gates);
    }

    /** A slice before it is judged: its rows' indexes into the predictions. */
    private record Group(String column, @CheckForNull String value, boolean other, int[] rows) {
    }

    /**
     * The column's slices: its {@code maxSlices} largest values (a missing cell is a value too) and the rest pooled;
     * a numeric column with more distinct values than {@code maxSlices} is cut at its quartiles instead.
     */
    static List<Group> slice(final Scoring.Column column, final SliceOptions options) {
        String[] labels = column.labels();
        double[] numbers = column.numbers();
        if (column.type() == ColumnType.NUMERIC && numbers != null) {
            long distinct = Arrays.stream(numbers).filter(x -> !Double.isNaN(x)).distinct().count();
            if (distinct > options.maxSlices()) {
                return bins(column.name(), numbers);
            }
        }
        Map<String, List<Integer>> byValue = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            byValue.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        List<Map.Entry<String, List<Integer>>> largest = new ArrayList<>(byValue.entrySet());
        largest.sort(Comparator.comparingInt((Map.Entry<String, List<Integer>> e) -> e.getValue().size()).reversed()
                .thenComparing(e -> String.valueOf(e.getKey())));
        List<Group> groups = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int s = 0; s < largest.size(); s++) {
            if (s < options.maxSlices()) {
                groups.add(new Group(column.name(), largest.get(s).getKey(), false, indexes(largest.get(s).getValue())));
            }
            else {
                rest.addAll(largest.get(s).getValue());
            }
        }
        if (!rest.isEmpty()) {
            rest.sort(null);
            groups.add(new Group(column.name(), null, true, indexes(rest)));
        }
        return groups;
    }

    /** Quartile bins {@code [lower, upper)}, the last closed, and the missing cells. */
    private static List<Group> bins(final String column, final double[] numbers) {
        double[] sorted = Arrays.stream(numbers).filter(x -> !Double.isNaN(x)).sorted().toArray();
        TreeSet<Double> cuts = new TreeSet<>();
        for (int b = 1; b < BINS; b++) {
            // the lower quantile: a value the data holds, so a bin's bound is a value someone can look up
            cuts.add(sorted[(int) Math.floor((double) b * (sorted.length - 1) / BINS)]);
        }
        cuts.remove(sorted[0]);
        cuts.remove(sorted[sorted.length - 1]);
        List<Double> edges = new ArrayList<>();
        edges.add(sorted[0]);
        edges.addAll(cuts);
        edges.add(sorted[sorted.length - 1]);
        int count = edges.size() - 1;
        List<List<Integer>> members = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            members.add(new ArrayList<>());
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < numbers.length; i++) {
            double x = numbers[i];
            if (Double.isNaN(x)) {
                missing.add(i);
                continue;
            }
            int b = 0;
            while (b < count - 1 && x >= edges.get(b + 1)) {
                b++;
            }
            members.get(b).add(i);
        }
        List<Group> groups = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            if (!members.get(b).isEmpty()) {
                String label = "[" + number(edges.get(b)) + ", " + number(edges.get(b + 1))
                        + (b == count - 1 ? "]" : ")");
                groups.add(new Group(column, label, false, indexes(members.get(b))));
            }
        }
        if (!missing.isEmpty()) {
            groups.add(new Group(column, null, false, indexes(missing)));
        }
        return groups;
    }

    /** Each group's metrics, and the gates it failed when it is large enough to judge. */
    private static List<Slice> judge(final Predictions predictions, final List<Group> groups,
            final SliceOptions options) {
        List<Slice> slices = new ArrayList<>();
        for (Group group : groups) {
            // groups are never empty: each holds the rows of a value that occurs
            Evaluation metrics = Metrics.evaluate(subset(predictions, group.rows()));
            boolean judged = group.rows().length >= options.minRows();
            List<String> failed = new ArrayList<>();
            if (judged) {
                for (Gate.Bound gate : options.gates()) {
                    if (!meets(gate, metrics.value(gate.metric()))) {
                        failed.add(gateName(gate));
                    }
                }
            }
            slices.add(new Slice(group.column(), group.value(), group.other(), group.rows().length, judged,
                    metrics.metrics(), failed));
        }
        return slices;
    }

    /** An undefined metric (NaN) does not meet a bound, as in the overall gate. */
    private static boolean meets(final Gate.Bound gate, final double value) {
        double slack = Gates.TOLERANCE * Math.max(1, Math.abs(gate.value()));
        return gate.side() == Gate.Side.MIN ? value >= gate.value() - slack : value <= gate.value() + slack;
    }

    private static String gateName(final Gate.Bound gate) {
        return gate.side().label() + " " + gate.metric().label();
    }

    /** One gate per bound for the column: it fails when any judged slice misses the bound. */
    private static List<GateResult> gates(final String column, final List<Slice> slices, final SliceOptions options) {
        List<GateResult> results = new ArrayList<>();
        List<Slice> judged = slices.stream().filter(Slice::judged).toList();
        long small = slices.size() - judged.size();
        String tooSmall = small == 0 ? "" : "; " + small + (small == 1 ? " slice" : " slices")
                + " with fewer than " + options.minRows() + " rows not judged";
        for (Gate.Bound gate : options.gates()) {
            Metric metric = gate.metric();
            String name = gateName(gate) + " per slice of " + column;
            if (judged.isEmpty()) {
                results.add(new GateResult(name, GateResult.Kind.SLICE, metric.label(), Double.NaN, gate.value(), null,
                        true, "no slice of " + column + " has " + options.minRows() + " rows: none was judged ("
                        + slices.size() + " reported)"));
                continue;
            }
            List<Slice> ordered = new ArrayList<>(judged);
            ordered.sort(worstFirst(metric));
            Slice worst = ordered.get(0);
            double value = worst.value(metric);
            List<Slice> failing = ordered.stream().filter(s -> !meets(gate, s.value(metric))).toList();
            String bound = (gate.side() == Gate.Side.MIN ? "the minimum " : "the maximum ") + Gates.format(gate.value());
            String message;
            if (failing.isEmpty()) {
                message = metric.label() + " meets " + bound + " in each of the " + judged.size() + " judged slices of "
                        + column + ", the worst " + describe(worst, metric) + tooSmall;
            }
            else {
                List<String> named = failing.stream().limit(5).map(s -> describe(s, metric)).toList();
                message = metric.label() + " misses " + bound + " in " + failing.size() + " of " + judged.size()
                        + " judged slices of " + column + ": " + String.join(", ", named)
                        + (failing.size() > named.size() ? ", ..." : "") + tooSmall;
            }
            results.add(new GateResult(name, GateResult.Kind.SLICE, metric.label(), value, gate.value(), null,
                    failing.isEmpty(), message));
        }
        return results;
    }

    private static String describe(final Slice slice, final Metric metric) {
        return slice.label() + " " + Gates.format(slice.value(metric)) + " (" + slice.rows() + " rows)";
    }

    /**
     * Judged slices before the ones too small to judge; among them the worse value of the metric first (an
     * undefined one first of all), then the larger slice.
     */
    static Comparator<Slice> worstFirst(final Metric metric) {
        Comparator<Slice> byValue = Comparator.comparingDouble(s -> {
            double value = s.value(metric);
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : metric.greaterIsBetter() ? value : -value;
        });
        return Comparator.comparing((Slice s) -> !s.judged()).thenComparing(byValue)
                .thenComparing(Comparator.comparingLong(Slice::rows).reversed()).thenComparing(Slice::label);
    }

    /** The predictions of some rows. */
    static Predictions subset(final Predictions all, final int[] rows) {
        if (all.task().isClassification()) {
            int[] actual = Objects.requireNonNull(all.actualClass(), "classes");
            double[][] probabilities = Objects.requireNonNull(all.probabilities(), "probabilities");
            int[] classes = new int[rows.length];
            double[][] p = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                classes[i] = actual[rows[i]];
                p[i] = probabilities[rows[i]];
            }
            return new Predictions(all.task(), all.classes(), classes, p, null, null, 0);
        }
        double[] actual = Objects.requireNonNull(all.actualValue(), "values");
        double[] predicted = Objects.requireNonNull(all.predictedValue(), "predictions");
        double[] a = new double[rows.length];
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            a[i] = actual[rows[i]];
            p[i] = predicted[rows[i]];
        }
        return new Predictions(all.task(), List.of(), null, null, a, p, 0);
    }

    private static int[] indexes(final List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A bin's bound: at most four significant digits, no trailing zeros ({@code 30}, {@code 0.1235}). */
    static String number(final double value) {
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
