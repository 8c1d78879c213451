package io.mlstages.estimate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Predictions;
import io.mlstages.metrics.Task;

import java.util.Objects;

/**
 * A model's probabilities mapped onto observed frequencies, learnt from labelled reference rows: for two classes one
 * isotonic fit of the positive class's probability; for several, one fit per class (that class against the rest),
 * after which each row is renormalised to sum to 1. Isotonic rather than a sigmoid (Platt) because it assumes only
 * that a higher score means a likelier class, so it repairs the over-confidence of boosted trees as well as the
 * near-calibration of logistic models.
 */
public final class Calibration {
    private final Task task;
    private final Isotonic[] fits;

    private Calibration(final Task task, final Isotonic[] fits) {
        this.task = task;
        this.fits = fits;
    }

    /**
     * Fits the calibration on labelled predictions.
     *
     * @throws EstimateException when the predictions are a regression's, or empty
     */
    public static Calibration fit(final Predictions reference) {
        return fit(reference, null);
    }

    /**
     * As {@link #fit(Predictions)} on the rows {@code rows} of the reference (a bootstrap resample, with
     * repetitions), or on all rows when null.
     */
    static Calibration fit(final Predictions reference, @CheckForNull final int[] rows) {
        Objects.requireNonNull(reference, "reference");
        if (!reference.task().isClassification()) {
            throw new EstimateException("Performance can be estimated for classifiers only, not for a "
                    + reference.task().label() + " model");
        }
        if (reference.size() == 0) {
            throw new EstimateException("The labelled reference data has no rows to calibrate on");
        }
        int[] actual = Objects.requireNonNull(reference.actualClass(), "actualClass");
        double[][] probabilities = Objects.requireNonNull(reference.probabilities(), "probabilities");
        int n = rows == null ? actual.length : rows.length;
        int k = reference.classes().size();
        boolean binary = reference.task() == Task.BINARY;
        Isotonic[] fits = new Isotonic[binary ? 1 : k];
        double[] scores = new double[n];
        double[] outcomes = new double[n];
        for (int c = 0; c < fits.length; c++) {
            int cls = binary ? 1 : c;
            for (int i = 0; i < n; i++) {
                int row = rows == null ? i : rows[i];
                scores[i] = probabilities[row][cls];
                outcomes[i] = actual[row] == cls ? 1 : 0;
            }
            fits[c] = Isotonic.fit(scores, outcomes);
        }
        return new Calibration(reference.task(), fits);
    }

    /** The calibrated probabilities of rows of model probabilities (each row sums to 1). */
    public double[][] apply(final double[][] probabilities) {
        double[][] out = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            out[i] = apply(probabilities[i]);
        }
        return out;
    }

    private double[] apply(final double[] row) {
        if (task == Task.BINARY) {
            double positive = clamp(fits[0].apply(row[1]));
            return new double[] {1 - positive, positive};
        }
        double[] out = new double[row.length];
        double sum = 0;
        for (int c = 0; c < row.length; c++) {
            out[c] = clamp(fits[c].apply(row[c]));
            sum += out[c];
        }
        if (!(sum > 0)) {
            // every one-vs-rest fit says 0 (scores below anything the reference saw): keep the model's own row
            return row.clone();
        }
        for (int c = 0; c < row.length; c++) {
            out[c] /= sum;
        }
        return out;
    }

    private static double clamp(final double p) {
        return Math.max(0, Math.min(1, p));
    }
}
