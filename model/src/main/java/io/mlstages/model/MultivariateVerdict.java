package io.mlstages.model;

import java.util.List;

/**
 * A drift report's {@code multivariate}: the domain classifier's verdict ({@code --multivariate}), written only
 * when it ran. Numbers that are not finite are {@code null} in JSON and NaN here.
 *
 * @param auc             the out-of-fold AUC of telling reference rows from current rows
 * @param pValue          its p-value against 0.5
 * @param aucFloor        the AUC it had to reach to count as drift
 * @param alpha           the significance level
 * @param drift           whether it found drift (which then counts as dataset drift)
 * @param referenceSample reference rows sampled
 * @param currentSample   current rows sampled
 * @param folds           the cross-validation folds
 * @param features        the columns ranked by how much they drive the separation, largest first
 * @param note            one line saying why
 */
public record MultivariateVerdict(double auc, double pValue, double aucFloor, double alpha, boolean drift,
        long referenceSample, long currentSample, int folds, List<Feature> features, String note) {

    public MultivariateVerdict {
        features = features == null ? List.of() : List.copyOf(features);
    }

    /**
     * A column's part in the separation.
     *
     * @param name  the column
     * @param gain  the classifier's total gain on it
     * @param share the gain as a share of all columns' gain (0..1)
     */
    public record Feature(String name, double gain, double share) {
    }
}
