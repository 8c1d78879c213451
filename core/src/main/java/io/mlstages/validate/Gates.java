package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Evaluation;

import io.mlstages.data.BadRows;
import io.mlstages.data.Column;
import io.mlstages.data.ColumnType;
import io.mlstages.data.ConstraintViolations;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.metrics.Task;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates gates into a {@link ValidationReport}. Semantics, defaults and reasons: {@code docs/validation.md}.
 *
 * <p>Comparisons forgive a rounding error of 1e-12 (relative to the bound's magnitude, at least 1), so that an
 * improvement of exactly the required 0.01 is not refused because 0.92 - 0.91 is 0.00999... in binary.</p>
 */
public final class Gates {
    /** The rounding slack of comparisons, relative to the bound's magnitude (at least 1). */
    static final double TOLERANCE = 1e-12;
    /** At most this many names are listed in a message; the rest are counted. */
    private static final int LISTED = 10;

    private Gates() {
    }

    /**
     * Checks the gates. When the input has a baseline but no {@link Gate.Baseline} gate is given, one is added: the
     * candidate must not be worse than the baseline on the task's primary metric ({@link Metric#primary}).
     *
     * @throws ValidationException when there is nothing to check, a gate names a metric that does not apply to the
     *                             model's task, a baseline gate has no baseline, a data gate lacks its inputs, a
     *                             gate is given twice, or the baseline's evaluation does not match the candidate's
     * @throws io.mlstages.drift.DriftException when the drift options do not fit the profiles
     */
    public static ValidationReport check(final ValidationInput input, final List<Gate> gates) {
        return check(input, gates, ConstraintViolations.none());
    }

    /**
     * As {@link #check(ValidationInput, List)}, with the evaluation data's constraint checks as gates too: a schema
     * with constraints is something to validate on its own, so no other gate is needed then.
     */
    public static ValidationReport check(final ValidationInput input, final List<Gate> gates,
            final ConstraintViolations constraints) {
        List<Gate> all = new ArrayList<>(gates);
        Evaluation candidate = input.evaluation();
        Task task = input.task();
        if (input.baseline() != null) {
            checkComparable(input);
            if (all.stream().noneMatch(g -> g instanceof Gate.Baseline)) {
                all.add(new Gate.Baseline(Metric.primary(task), Gate.Change.ABSOLUTE, 0));
            }
        }
        if (all.isEmpty() && constraints.checks().isEmpty()) {
            throw new ValidationException("Nothing to validate: give a metric bound (--min/--max), a baseline "
                    + "(--baseline), data gates or a schema with constraints (--schema)");
        }
        checkDistinct(all);
        // every misconfiguration is refused before any gate runs: a drift check may take a while
        for (Gate gate : all) {
            checkRunnable(gate, input);
        }
        List<GateResult> results = new ArrayList<>();
        DriftReport drift = null;
        for (Gate gate : all) {
            if (gate instanceof Gate.Bound bound) {
                results.add(candidate == null ? notComputed(bound.side().label() + " " + bound.metric().label(),
                        GateResult.Kind.METRIC, bound.metric(), bound.value(), null) : bound(bound, candidate));
            }
            else if (gate instanceof Gate.Baseline baseline) {
                results.add(candidate == null ? notComputed(baselineName(baseline), GateResult.Kind.BASELINE,
                        baseline.metric(), null, baselineOf(input).value(baseline.metric()))
                        : baseline(baseline, candidate, baselineOf(input)));
            }
            else if (gate instanceof Gate.SchemaMatch) {
                results.add(schema(trainingOf(input), evaluationDataOf(input)));
            }
            else if (gate instanceof Gate.MissingRate missing) {
                results.addAll(missingRates(missing, trainingOf(input), evaluationDataOf(input)));
            }
            else if (gate instanceof Gate.Drift driftGate) {
                drift = drift(driftGate.options(), trainingOf(input), evaluationDataOf(input));
                results.add(driftResult(drift));
            }
        }
        results.addAll(ValidationReport.constraintGates(constraints));
        boolean passed = results.stream().allMatch(GateResult::passed);
        return new ValidationReport(ValidationReport.SCHEMA_VERSION, passed, task, input.model(),
                input.baselineModel(), input.data(), input.dataSha256(), candidate, input.baseline(), results, drift,
                BadRows.none(), constraints);
    }

    private static void checkRunnable(final Gate gate, final ValidationInput input) {
        if (gate instanceof Gate.Bound bound) {
            requireApplies(bound.metric(), input.task(), "--" + bound.side().label() + " " + bound.metric().label());
        }
        else if (gate instanceof Gate.Baseline baseline) {
            if (input.baseline() == null) {
                throw new ValidationException("The baseline gate on " + baseline.metric().label()
                        + " needs a baseline model (--baseline)");
            }
            requireApplies(baseline.metric(), input.task(), "The baseline gate on " + baseline.metric().label());
        }
        else {
            String name = gate instanceof Gate.SchemaMatch ? "schema"
                    : gate instanceof Gate.MissingRate ? "missing-rate" : "drift";
            requireData(input, name);
            if (gate instanceof Gate.Drift && trainingOf(input).profile() == null) {
                throw new ValidationException("The drift gate needs the training data's profile, and the model "
                        + input.model().name() + " has none");
            }
        }
    }

    private static void checkComparable(final ValidationInput input) {
        Evaluation candidate = input.evaluation();
        Evaluation baseline = baselineOf(input);
        ModelIdentity baselineModel = Objects.requireNonNull(input.baselineModel(), "a baseline's identity");
        if (input.task() != baseline.task()) {
            throw new ValidationException("The baseline " + baselineModel.name() + " is a "
                    + baseline.task().label() + " model and the candidate " + input.model().name() + " a "
                    + input.task().label() + " one: they cannot be compared");
        }
        if (candidate == null) {
            return;
        }
        if (!candidate.classes().equals(baseline.classes())) {
            throw new ValidationException("The baseline " + baselineModel.name() + " predicts the classes "
                    + baseline.classes() + " and the candidate " + candidate.classes() + ": they cannot be compared");
        }
        if (candidate.rows() != baseline.rows()) {
            throw new ValidationException("The baseline was evaluated on " + baseline.rows() + " rows and the "
                    + "candidate on " + candidate.rows() + ": both must be scored on the same data");
        }
    }

    private static void checkDistinct(final List<Gate> gates) {
        Set<String> seen = new HashSet<>();
        for (Gate gate : gates) {
            String key;
            String option;
            if (gate instanceof Gate.Bound bound) {
                key = "bound " + bound.side() + " " + bound.metric();
                option = "--" + bound.side().label() + " " + bound.metric().label();
            }
            else if (gate instanceof Gate.Baseline baseline) {
                key = "baseline " + baseline.change() + " " + baseline.metric();
                option = "a " + baseline.change().label() + " baseline change of " + baseline.metric().label();
            }
            else {
                key = gate.getClass().getSimpleName();
                option = "the " + key + " gate";
            }
            if (!seen.add(key)) {
                throw new ValidationException(option + " is given twice; give each gate once");
            }
        }
    }

    /** The baseline's evaluation, which a baseline gate has once {@link #checkRunnable} passed. */
    private static Evaluation baselineOf(final ValidationInput input) {
        return Objects.requireNonNull(input.baseline(), "a baseline gate's baseline");
    }

    /** The training data's description, which a data gate has once {@link #requireData} passed. */
    private static TrainingData trainingOf(final ValidationInput input) {
        return Objects.requireNonNull(input.training(), "a data gate's training data");
    }

    /** The evaluation data, which a data gate has once {@link #requireData} passed. */
    private static EvaluationData evaluationDataOf(final ValidationInput input) {
        return Objects.requireNonNull(input.evaluationData(), "a data gate's evaluation data");
    }

    private static void requireData(final ValidationInput input, final String gate) {
        if (input.training() == null || input.evaluationData() == null) {
            throw new ValidationException("The " + gate + " gate needs the model's training features and the "
                    + "evaluation data; a predictions file has neither, so data gates cannot run on it");
        }
    }

    private static double tolerance(final double bound) {
        return TOLERANCE * Math.max(1, Math.abs(bound));
    }

    private static GateResult bound(final Gate.Bound gate, final Evaluation evaluation) {
        Metric metric = gate.metric();
        String name = gate.side().label() + " " + metric.label();
        double value = evaluation.value(metric);
        double limit = gate.value();
        if (Double.isNaN(value)) {
            return new GateResult(name, GateResult.Kind.METRIC, metric.label(), value, limit, null, false,
                    metric.label() + " is undefined on this data" + undefinedReason(evaluation, metric));
        }
        boolean passed = gate.side() == Gate.Side.MIN ? value >= limit - tolerance(limit)
                : value <= limit + tolerance(limit);
        String message = metric.label() + " " + format(value) + (passed
                ? gate.side() == Gate.Side.MIN ? " is at least the minimum " : " is at most the maximum "
                : gate.side() == Gate.Side.MIN ? " is below the minimum " : " is above the maximum ") + format(limit);
        return new GateResult(name, GateResult.Kind.METRIC, metric.label(), value, limit, null, passed, message);
    }

    private static GateResult baseline(final Gate.Baseline gate, final Evaluation candidate,
            final Evaluation baseline) {
        Metric metric = gate.metric();
        boolean relative = gate.change() == Gate.Change.RELATIVE;
        String name = baselineName(gate);
        double value = candidate.value(metric);
        double base = baseline.value(metric);
        double sign = metric.greaterIsBetter() ? 1 : -1;
        if (Double.isNaN(value) || Double.isNaN(base)) {
            return new GateResult(name, GateResult.Kind.BASELINE, metric.label(), value, null,
                    Double.isNaN(base) ? null : base, false, metric.label() + " is undefined for the "
                    + (Double.isNaN(value) ? "candidate" : "baseline") + " on this data");
        }
        double change = sign * (value - base);
        double required = relative ? base + sign * gate.minChange() * Math.abs(base) : base + sign * gate.minChange();
        double measured;
        if (relative) {
            measured = base == 0 ? (change > 0 ? Double.POSITIVE_INFINITY : change < 0 ? Double.NEGATIVE_INFINITY : 0)
                    : change / Math.abs(base);
        }
        else {
            measured = change;
        }
        boolean passed = measured >= gate.minChange() - tolerance(gate.minChange());
        String amount = relative ? percent(Math.abs(measured)) : format(Math.abs(change));
        String observed = change > 0 ? "better by " + amount : change < 0 ? "worse by " + amount : "equal";
        String demand = relative ? percent(Math.abs(gate.minChange())) : format(Math.abs(gate.minChange()));
        String rule = gate.minChange() > 0 ? "an improvement of at least " + demand + " is required"
                : gate.minChange() == 0 ? "no regression is allowed"
                : "a regression of at most " + demand + " is allowed";
        String message = metric.label() + " " + format(value) + " vs baseline " + format(base) + ": " + observed
                + (relative && base != 0 ? " (relative)" : "") + "; " + rule
                + (metric.greaterIsBetter() ? "" : " (lower is better)");
        return new GateResult(name, GateResult.Kind.BASELINE, metric.label(), value, required, base, passed, message);
    }

    private static String baselineName(final Gate.Baseline gate) {
        return gate.metric().label() + " vs baseline" + (gate.change() == Gate.Change.RELATIVE ? " (relative)" : "");
    }

    private static void requireApplies(final Metric metric, final Task task, final String what) {
        if (!metric.appliesTo(task)) {
            List<String> known = new ArrayList<>();
            Metric.forTask(task).forEach(m -> known.add(m.label()));
            throw new ValidationException(what + ": " + metric.label() + " does not apply to a " + task.label()
                    + " model; its metrics are " + String.join(", ", known));
        }
    }

    private static GateResult notComputed(final String name, final GateResult.Kind kind, final Metric metric,
            @CheckForNull final Double bound, @CheckForNull final Double baseline) {
        return new GateResult(name, kind, metric.label(), Double.NaN, bound, baseline, false, metric.label()
                + " was not computed: the model could not score the evaluation data (see the schema gate)");
    }

    /**
     * Whether the evaluation data has every feature of the model with a compatible type: what scoring needs. When
     * it does not, validate without scoring ({@link ValidationInput#unscored}) so that the schema gate reports why.
     */
    public static boolean schemaMatches(final TrainingData training, final EvaluationData data) {
        return schema(training, data).passed();
    }

    private static GateResult schema(final TrainingData training, final EvaluationData data) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Column feature : training.features()) {
            Optional<Column> found = data.schema().find(feature.name());
            if (found.isEmpty()) {
                missing.add(feature.name());
            }
            else if (!compatible(feature.type(), found.get().type())) {
                mismatched.add("'" + feature.name() + "' is " + feature.type().label() + " in training but "
                        + found.get().type().label() + " here");
            }
        }
        int problems = missing.size() + mismatched.size();
        String message;
        if (problems == 0) {
            message = "all " + training.features().size() + " features are present with their training types";
        }
        else {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add(missing.size() + " of " + training.features().size() + " features missing: "
                        + quoted(missing));
            }
            if (!mismatched.isEmpty()) {
                parts.add(mismatched.size() + " of another type: " + list(mismatched));
            }
            message = String.join("; ", parts) + " (in " + data.file() + ")";
        }
        return new GateResult("schema", GateResult.Kind.DATA, "schema", problems, 0.0, null, problems == 0, message);
    }

    /** A categorical feature takes any column: numbers and booleans are valid category labels. */
    private static boolean compatible(final ColumnType training, final ColumnType evaluation) {
        return training == evaluation || training == ColumnType.CATEGORICAL;
    }

    private static List<GateResult> missingRates(final Gate.MissingRate gate, final TrainingData training,
            final EvaluationData data) {
        List<GateResult> out = new ArrayList<>();
        Profile trained = training.profile();
        for (Column feature : training.features()) {
            Optional<ColumnProfile> column = data.profile().column(feature.name());
            // a feature the data lacks is missing in every row
            double rate = column.map(ColumnProfile::missingRate).orElse(1.0);
            double allowed = gate.max();
            String reason = "";
            if (trained != null) {
                Optional<ColumnProfile> before = trained.column(feature.name());
                if (before.isPresent()
                        && before.get().missingRate() + DriftOptions.DEFAULT_MISSING_RATE_FLOOR > allowed) {
                    allowed = Math.min(1, before.get().missingRate() + DriftOptions.DEFAULT_MISSING_RATE_FLOOR);
                    reason = ", as it was missing in " + percent(before.get().missingRate()) + " in training";
                }
            }
            boolean passed = rate <= allowed + TOLERANCE;
            String message = "'" + feature.name() + "' is missing in " + percent(rate) + " of the rows"
                    + (column.isEmpty() ? " (the column is absent)" : "") + "; at most " + percent(allowed)
                    + " allowed" + reason;
            out.add(new GateResult("missing rate of " + feature.name(), GateResult.Kind.DATA, "missing_rate", rate,
                    allowed, null, passed, message));
        }
        return out;
    }

    private static DriftReport drift(final DriftOptions options, final TrainingData training,
            final EvaluationData data) {
        Profile reference = Objects.requireNonNull(training.profile(), "checked by checkRunnable");
        Profile current = data.profile();
        Set<String> columns = new LinkedHashSet<>();
        for (Column feature : training.features()) {
            if (comparable(feature.name(), reference, current)
                    && (options.columns().isEmpty() || options.columns().contains(feature.name()))) {
                columns.add(feature.name());
            }
        }
        DriftOptions used = options.withColumns(List.copyOf(columns));
        String target = training.target();
        if (options.target() == null && target != null
                && comparable(target, reference, current) && !columns.contains(target)) {
            used = used.withTarget(target);
        }
        return DriftDetector.compare(reference, current, used);
    }

    private static boolean comparable(final String name, final Profile reference, final Profile current) {
        Optional<ColumnProfile> a = reference.column(name);
        Optional<ColumnProfile> b = current.column(name);
        return a.isPresent() && b.isPresent() && a.get().type() == b.get().type();
    }

    private static GateResult driftResult(final DriftReport report) {
        List<String> drifted = new ArrayList<>();
        long features = 0;
        for (ColumnDrift column : report.columns()) {
            if (column.role() == Role.FEATURE) {
                features++;
                if (column.drift()) {
                    drifted.add(column.name());
                }
            }
        }
        String message;
        if (features == 0) {
            message = "no feature could be compared with the training profile";
        }
        else {
            message = drifted.size() + " of " + features + " features drifted from the training data (share "
                    + format(report.driftShare()) + ", dataset drift at " + format(report.driftShareThreshold())
                    + ")" + (drifted.isEmpty() ? "" : ": " + quoted(drifted));
        }
        return new GateResult("dataset drift", GateResult.Kind.DATA, "drift_share", report.driftShare(),
                report.driftShareThreshold(), null, !report.datasetDrift(), message);
    }

    private static String undefinedReason(final Evaluation evaluation, final Metric metric) {
        for (String note : evaluation.notes()) {
            if (note.startsWith(metric.label())) {
                return " (" + note + ")";
            }
        }
        return "";
    }

    private static String quoted(final List<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            out.add("'" + name + "'");
        }
        return list(out);
    }

    private static String list(final List<String> items) {
        if (items.size() <= LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }

    /** Six significant digits, no exponent for ordinary magnitudes, no trailing zeros. */
    static String format(final double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "undefined" : value > 0 ? "infinity" : "-infinity";
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String percent(final double share) {
        if (Double.isInfinite(share)) {
            return "an unbounded share";
        }
        return String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }
}
