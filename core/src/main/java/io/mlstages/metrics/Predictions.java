package io.mlstages.metrics;


import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A model's predictions on an evaluation set next to the true values: what metrics and gates are computed from.
 * Built by scoring a model package on a dataset, or read from a predictions file for models the engine cannot
 * load.
 *
 * @param task          the kind of prediction
 * @param classes       the class labels in the model's order (empty for regression); for {@link Task#BINARY},
 *                      the second class is the positive one
 * @param actualClass   for classification, the index into {@code classes} of each row's true class; null for
 *                      regression
 * @param probabilities for classification, each row's probability per class (rows sum to 1); null for regression
 * @param actualValue   for regression, each row's true value; null for classification
 * @param predictedValue for regression, each row's prediction; null for classification
 * @param unseen        how many rows held a category the model never saw in training (scored all the same, with
 *                      that feature treated as missing)
 */
public record Predictions(Task task, List<String> classes, @CheckForNull int[] actualClass,
        @CheckForNull double[][] probabilities, @CheckForNull double[] actualValue, @CheckForNull double[] predictedValue,
        long unseen) {

    public Predictions {
        Objects.requireNonNull(task, "task");
        classes = List.copyOf(classes);
        if (task.isClassification()) {
            if (classes.size() < 2) {
                throw new IllegalArgumentException("A classification needs at least two classes, not " + classes);
            }
            Objects.requireNonNull(actualClass, "actualClass");
            Objects.requireNonNull(probabilities, "probabilities");
            if (actualClass.length != probabilities.length) {
                throw new IllegalArgumentException("Predictions for " + probabilities.length + " rows but "
                        + actualClass.length + " true classes");
            }
            for (int i = 0; i < actualClass.length; i++) {
                if (actualClass[i] < 0 || actualClass[i] >= classes.size()) {
                    throw new IllegalArgumentException("Row " + i + ": class index " + actualClass[i]
                            + " is outside the " + classes.size() + " classes");
                }
                if (probabilities[i].length != classes.size()) {
                    throw new IllegalArgumentException("Row " + i + ": " + probabilities[i].length
                            + " probabilities for " + classes.size() + " classes");
                }
            }
        }
        else {
            Objects.requireNonNull(actualValue, "actualValue");
            Objects.requireNonNull(predictedValue, "predictedValue");
            if (actualValue.length != predictedValue.length) {
                throw new IllegalArgumentException(predictedValue.length + " predictions but " + actualValue.length
                        + " true values");
            }
        }
        if (unseen < 0) {
            throw new IllegalArgumentException("unseen must not be negative, not " + unseen);
        }
    }

    /** The number of rows. */
    public int size() {
        return task.isClassification() ? Objects.requireNonNull(actualClass, "actualClass").length
                : Objects.requireNonNull(actualValue, "actualValue").length;
    }

    /** For classification, the predicted class of a row: the most probable (the first on ties). */
    public int predictedClass(final int row) {
        double[] p = Objects.requireNonNull(probabilities, "a classification's probabilities")[row];
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Predictions that && task == that.task && unseen == that.unseen
                && classes.equals(that.classes) && Arrays.equals(actualClass, that.actualClass)
                && Arrays.deepEquals(probabilities, that.probabilities) && Arrays.equals(actualValue, that.actualValue)
                && Arrays.equals(predictedValue, that.predictedValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, classes, unseen, Arrays.hashCode(actualClass), Arrays.deepHashCode(probabilities),
                Arrays.hashCode(actualValue), Arrays.hashCode(predictedValue));
    }

    @Override
    public String toString() {
        return "Predictions[" + task.label() + ", " + size() + " rows, classes " + classes + ", unseen " + unseen + "]";
    }
}
