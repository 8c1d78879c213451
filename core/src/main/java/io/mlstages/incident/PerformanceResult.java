package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The live performance of a served version and what was done about it.
 *
 * @param model      the model
 * @param version    the version the alias pointed to, whose predictions were judged
 * @param joined     predictions of that version with a label
 * @param unlabelled predictions of that version without a label (or without an id)
 * @param unmatched  labels with no prediction of that version
 * @param evaluation the metrics of the joined rows
 * @param failures   one sentence per failed bound; empty when the gate passed
 * @param rolledBack the version the alias rolled back to, or null when it did not move (or was removed)
 */
public record PerformanceResult(String model, int version, long joined, long unlabelled, long unmatched,
        Evaluation evaluation, List<String> failures, @CheckForNull Integer rolledBack) {
    public PerformanceResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(evaluation, "evaluation");
        failures = List.copyOf(failures);
    }

    /** Whether every bound held. */
    public boolean passed() {
        return failures.isEmpty();
    }
}
