/**
 * Metrics of a model's predictions: the predictions next to the true values, and accuracy, precision, recall,
 * F1, ROC AUC, log loss, the confusion matrix, RMSE, MAE and R² computed from them as scikit-learn defines them.
 * Training records them in a package; validation gates them.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.metrics;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
