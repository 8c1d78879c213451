package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.BadRows;
import io.mlstages.data.ConstraintViolations;
import io.mlstages.metrics.Evaluation;

import io.mlstages.drift.DriftReport;
import io.mlstages.metrics.Task;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of validating a model: every gate's result, the metrics they were computed from, and what was
 * validated. Written as JSON and JUnit XML by {@code io.mlstages.report.ValidationReportJson} and
 * {@code ValidationJUnit}.
 *
 * @param schemaVersion   the JSON schema version ({@link #SCHEMA_VERSION})
 * @param passed          true when every gate passed: the model may be blessed
 * @param task            the model's task
 * @param model           the candidate model
 * @param baselineModel   the baseline model, or null
 * @param data            the evaluation data's file name
 * @param dataSha256      the SHA-256 of the evaluation data (or of the predictions file), or null when unknown
 * @param metrics         the candidate's metrics, or null when it could not be scored (its schema did not match)
 * @param baselineMetrics the baseline's metrics on the same data, or null
 * @param gates           one result per gate, in the order checked
 * @param drift           the drift comparison behind the drift gate, or null when none ran
 * @param badRows         the malformed rows of the data that reading skipped ({@code --on-bad-rows skip}): the
 *                        metrics cover the other rows only
 * @param constraints     the evaluation data checked against its schema's constraints, each also a data gate in
 *                        {@code gates} (none without constraints)
 * @param breakdown       the features' weights and the slices, or null (a predictions file, an unscored model)
 */
public record ValidationReport(int schemaVersion, boolean passed, Task task, ModelIdentity model,
        @CheckForNull ModelIdentity baselineModel, String data, @CheckForNull String dataSha256,
        @CheckForNull Evaluation metrics, @CheckForNull Evaluation baselineMetrics, List<GateResult> gates,
        @CheckForNull DriftReport drift, BadRows badRows, ConstraintViolations constraints,
        @CheckForNull Breakdown breakdown) {

    /** The version of the report JSON this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public ValidationReport {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        gates = List.copyOf(gates);
        Objects.requireNonNull(badRows, "badRows");
        Objects.requireNonNull(constraints, "constraints");
        if (gates.isEmpty()) {
            throw new IllegalArgumentException("A validation report needs at least one gate");
        }
        boolean all = gates.stream().allMatch(GateResult::passed);
        if (passed != all) {
            throw new IllegalArgumentException("passed is " + passed + " but " + (all ? "every gate passed"
                    : "a gate failed"));
        }
    }

    /** A report without a breakdown. */
    public ValidationReport(final int schemaVersion, final boolean passed, final Task task, final ModelIdentity model,
            @CheckForNull final ModelIdentity baselineModel, final String data, @CheckForNull final String dataSha256,
            @CheckForNull final Evaluation metrics, @CheckForNull final Evaluation baselineMetrics,
            final List<GateResult> gates, @CheckForNull final DriftReport drift, final BadRows badRows,
            final ConstraintViolations constraints) {
        this(schemaVersion, passed, task, model, baselineModel, data, dataSha256, metrics, baselineMetrics, gates,
                drift, badRows, constraints, null);
    }

    /** A report of data read without skipping rows. */
    public ValidationReport(final int schemaVersion, final boolean passed, final Task task, final ModelIdentity model,
            @CheckForNull final ModelIdentity baselineModel, final String data, @CheckForNull final String dataSha256,
            @CheckForNull final Evaluation metrics, @CheckForNull final Evaluation baselineMetrics,
            final List<GateResult> gates, @CheckForNull final DriftReport drift) {
        this(schemaVersion, passed, task, model, baselineModel, data, dataSha256, metrics, baselineMetrics, gates,
                drift, BadRows.none());
    }

    /** A report without constraints. */
    public ValidationReport(final int schemaVersion, final boolean passed, final Task task, final ModelIdentity model,
            @CheckForNull final ModelIdentity baselineModel, final String data, @CheckForNull final String dataSha256,
            @CheckForNull final Evaluation metrics, @CheckForNull final Evaluation baselineMetrics,
            final List<GateResult> gates, @CheckForNull final DriftReport drift, final BadRows badRows) {
        this(schemaVersion, passed, task, model, baselineModel, data, dataSha256, metrics, baselineMetrics, gates,
                drift, badRows, ConstraintViolations.none());
    }

    /** This report, listing the rows that reading skipped. */
    public ValidationReport withBadRows(final BadRows value) {
        return new ValidationReport(schemaVersion, passed, task, model, baselineModel, data, dataSha256, metrics,
                baselineMetrics, gates, drift, value, constraints, breakdown);
    }

    /**
     * This report with the evaluation data's constraint checks: each check becomes a data gate (named
     * {@code constraint min of age}), after the others, so a violated constraint fails the validation.
     */
    public ValidationReport withConstraints(final ConstraintViolations value) {
        List<GateResult> all = new java.util.ArrayList<>(gates);
        all.addAll(constraintGates(value));
        return new ValidationReport(schemaVersion, passed && !value.violated(), task, model, baselineModel, data,
                dataSha256, metrics, baselineMetrics, all, drift, badRows, value, breakdown);
    }

    /**
     * This report with a breakdown and its slice gates, after the others, so a slice that misses a bound fails the
     * validation (see {@link ModelBreakdown}).
     */
    public ValidationReport withBreakdown(final Breakdown value, final List<GateResult> sliceGates) {
        List<GateResult> all = new java.util.ArrayList<>(gates);
        all.addAll(sliceGates);
        return new ValidationReport(schemaVersion, passed && sliceGates.stream().allMatch(GateResult::passed), task,
                model, baselineModel, data, dataSha256, metrics, baselineMetrics, all, drift, badRows, constraints,
                value);
    }

    /** Each constraint check as a data gate, named {@code constraint min of age}. */
    static List<GateResult> constraintGates(final ConstraintViolations value) {
        return value.checks().stream().map(check -> new GateResult(check.name(), GateResult.Kind.DATA, "constraint",
                check.count(), null, null, check.passed(), check.describe(value.rows()))).toList();
    }

    /** This report with more gates after its own (an incident's verification), which the verdict includes. */
    public ValidationReport withGates(final List<GateResult> more) {
        List<GateResult> all = new java.util.ArrayList<>(gates);
        all.addAll(more);
        return new ValidationReport(schemaVersion, all.stream().allMatch(GateResult::passed), task, model,
                baselineModel, data, dataSha256, metrics, baselineMetrics, all, drift, badRows, constraints,
                breakdown);
    }

    /** The gates that failed. */
    public List<GateResult> failed() {
        return gates.stream().filter(g -> !g.passed()).toList();
    }
}
