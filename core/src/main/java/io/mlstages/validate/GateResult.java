package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one gate.
 *
 * @param name     a stable name, e.g. {@code min accuracy}, {@code accuracy vs baseline},
 *                 {@code missing rate of age}: reports and JUnit test cases are keyed by it
 * @param kind     metric bound, baseline comparison or data check
 * @param metric   the metric checked ({@code accuracy}, ...), or for data gates what was measured
 *                 ({@code schema}, {@code missing_rate}, {@code drift_share})
 * @param value    the candidate's value (NaN when it is undefined)
 * @param bound    the value the candidate had to reach (for a baseline gate: the baseline's value moved by the
 *                 required change), or null when the gate has no numeric bound
 * @param baseline the baseline model's value, for baseline gates; else null
 * @param passed   whether the gate passed
 * @param message  one sentence for people: what was compared and why it passed or failed
 */
public record GateResult(String name, Kind kind, String metric, double value, @CheckForNull Double bound,
        @CheckForNull Double baseline,
        boolean passed, String message) {

    /** The group a gate belongs to, which is its JUnit class name. */
    public enum Kind {
        /** An absolute bound on a metric. */
        METRIC,
        /** A comparison with the baseline model. */
        BASELINE,
        /** A check of the evaluation data against the training data. */
        DATA,
        /** A bound on a metric that every judged slice of the evaluation data must meet ({@code --min-slice}). */
        SLICE,
        /** A gate {@code validate --incident} adds: the candidate covers the incident's drifted data. */
        INCIDENT;

        /** The lower-case name used in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The JUnit class name, e.g. {@code validation.metric}. */
        public String junitClass() {
            return "validation." + label();
        }
    }

    public GateResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind of gate " + name);
        Objects.requireNonNull(metric, "metric of gate " + name);
        Objects.requireNonNull(message, "message of gate " + name);
    }
}
