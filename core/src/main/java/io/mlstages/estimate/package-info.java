/**
 * Performance without labels: confidence-based performance estimation (CBPE) for classifiers. A
 * {@link io.mlstages.estimate.Calibration} (isotonic, one-vs-rest for several classes) is fitted on labelled
 * reference rows; on unlabelled current rows the calibrated probabilities give the expected confusion matrix and
 * from it the expected accuracy, precision, recall, F1 and ROC AUC ({@link io.mlstages.estimate.Estimator}), each
 * with a bootstrap band. {@link io.mlstages.estimate.Estimation} scores the files. See {@code docs/estimation.md}.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.estimate;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
