package io.mlstages.drift;

import java.util.List;
import java.util.Objects;

/**
 * The domain classifier's verdict: how well a classifier tells current rows from reference rows. An AUC near 0.5
 * means the rows are exchangeable; drift is declared when the out-of-fold AUC is at least the floor and
 * significantly above 0.5. See docs/drift.md, "Multivariate drift".
 *
 * @param auc             the out-of-fold AUC (0.5: no separation, 1: perfect)
 * @param pValue          one-sided p-value of the AUC against 0.5 (Mann-Whitney, normal approximation with ties)
 * @param aucFloor        the AUC floor
 * @param alpha           the significance level
 * @param drift           whether the AUC reached the floor and the p-value fell below alpha
 * @param referenceSample the reference rows the classifier used
 * @param currentSample   the current rows the classifier used
 * @param folds           the cross-validation folds
 * @param features        the columns ranked by how much they drive the separation, largest first
 * @param note            one line saying why
 */
public record MultivariateDrift(double auc, double pValue, double aucFloor, double alpha, boolean drift,
        long referenceSample, long currentSample, int folds, List<Feature> features, String note) {

    public MultivariateDrift {
        features = List.copyOf(features);
        Objects.requireNonNull(note, "note");
    }

    /**
     * A column's part in the separation.
     *
     * @param name  the column
     * @param gain  XGBoost's total gain of the splits on the column, summed over the folds' models
     * @param share the gain as a share of all columns' gain (0..1)
     */
    public record Feature(String name, double gain, double share) {
        public Feature {
            Objects.requireNonNull(name, "name");
        }
    }
}
