package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.mlstages.drift.MultivariateOptions;
import picocli.CommandLine.Option;

/** The domain classifier's options ({@code --multivariate}), on {@code drift} and {@code check}. */
final class MultivariateOptionsMixin {
    @Option(names = "--multivariate", description = "Also train a classifier (XGBoost) to tell current rows from "
            + "reference rows: catches changes in how columns go together, which per-column tests miss. An AUC at "
            + "or above the floor that is significant (p < --alpha) is dataset drift. Needs reference rows, not a "
            + "stored profile (see docs/drift.md).")
    boolean multivariate;

    @Option(names = "--multivariate-auc-floor", paramLabel = "AUC",
            description = "With --multivariate: the out-of-fold AUC that counts as drift when significant "
                    + "(default: " + MultivariateOptions.DEFAULT_AUC_FLOOR + ").")
    @Range(min = "0.5", max = "1")
    @CheckForNull Double aucFloor;

    @Option(names = "--multivariate-sample", paramLabel = "ROWS",
            description = "With --multivariate: rows sampled from each side while reading (default: "
                    + MultivariateOptions.DEFAULT_SAMPLE_ROWS + ").")
    @Range(min = "20", max = "1000000")
    @CheckForNull Integer sample;

    @Option(names = "--multivariate-folds", paramLabel = "K",
            description = "With --multivariate: cross-validation folds (default: " + MultivariateOptions.DEFAULT_FOLDS
                    + ").")
    @Range(min = "2", max = "20")
    @CheckForNull Integer folds;

    /** The classifier's options, or null without {@code --multivariate}. */
    @CheckForNull
    MultivariateOptions toOptions(final double alpha) {
        if (!multivariate) {
            if (aucFloor != null || sample != null || folds != null) {
                throw new IllegalArgumentException("--multivariate-auc-floor, --multivariate-sample and "
                        + "--multivariate-folds only apply with --multivariate");
            }
            return null;
        }
        MultivariateOptions options = MultivariateOptions.defaults().withAlpha(alpha);
        if (aucFloor != null) {
            options = options.withAucFloor(aucFloor);
        }
        if (sample != null) {
            options = options.withSampleRows(sample);
        }
        if (folds != null) {
            options = options.withFolds(folds);
        }
        return options;
    }
}
