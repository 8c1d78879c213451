package io.mlstages.estimate;

import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Predictions;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Scores the files and estimates: the part of a check that estimates a classifier's performance without labels. */
public final class Estimation {
    private Estimation() {
    }

    /**
     * Estimates the performance of {@code model} on the current files (checked as one sample; their target column,
     * if any, is not read), calibrated on the labelled reference file.
     *
     * @throws EstimateException when the model is not a classifier or a bound names a metric not estimated
     * @throws io.mlstages.data.DataException naming the file when the reference lacks the target, a row's class is
     *                                        unknown, or a feature column is absent
     * @throws io.mlstages.train.ModelPackageException when the model was trained externally (it cannot be scored)
     */
    public static PerformanceEstimate run(final ModelPackage model, final Path referenceLabelled,
            final List<Path> current, final ReadOptions read, final EstimateOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(referenceLabelled, "referenceLabelled");
        Objects.requireNonNull(options, "options");
        requireClassifier(model, options);
        Predictions reference = Scoring.score(model, referenceLabelled, read);
        List<double[]> rows = new ArrayList<>();
        for (Path file : current) {
            for (double[] row : Scoring.probabilities(model, file, read)) {
                rows.add(row);
            }
        }
        return Estimator.estimate(reference, rows.toArray(new double[0][]), options);
    }

    /**
     * Checks before any data is read that the model can be estimated and the bounds fit its task.
     *
     * @throws EstimateException naming the model's task, or the bound and the metrics that can be bounded
     */
    public static void requireClassifier(final ModelPackage model, final EstimateOptions options) {
        if (!model.metadata().task().isClassification()) {
            throw new EstimateException("Performance can be estimated for classifiers only: the model predicts '"
                    + model.metadata().target() + "' by " + model.metadata().task().label());
        }
        Estimator.checkBounds(model.metadata().task(), options.bounds(), "--min-estimated");
    }
}
