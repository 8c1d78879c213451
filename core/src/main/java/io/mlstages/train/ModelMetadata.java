package io.mlstages.train;

import io.mlstages.metrics.Task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code model.json} says about a model package.
 *
 * @param formatVersion   the package format version ({@value ModelPackage#FORMAT_VERSION} for this build)
 * @param algorithm       how the model was trained
 * @param task            what it predicts
 * @param target          the predicted column
 * @param features        the input columns in model order, with their encoding
 * @param skipped         columns left out of the default feature set (identifier-like text), with the reason
 * @param classes         the class labels in model order (empty for regression); for binary, the second is the
 *                        positive class
 * @param hyperparameters every hyperparameter in force, defaults included
 * @param metrics         metric values by data split ({@code training}, {@code holdout}), then by metric name
 * @param rows            how many rows went where
 * @param fitSeconds      how long the fit took (for built-in algorithms the fit alone, without reading and
 *                        encoding; for external trainers the program's run), so benchmarks compare like with like
 * @param notes           what a reader should know about the training: an optimizer stopped by its iteration limit,
 *                        holdout rows with categories the training rows lacked
 * @param modelFile       the model file inside the package ({@code coefficients.json}, {@code xgboost-model.json},
 *                        or for external trainers the folder {@code model})
 * @param lineage         where the model came from
 * @param files           the SHA-256 of every file of the package but {@code model.json}, by relative path
 */
public record ModelMetadata(int formatVersion, Algorithm algorithm, Task task, String target, List<Feature> features,
        Map<String, String> skipped, List<String> classes, Map<String, String> hyperparameters,
        Map<String, Map<String, Double>> metrics, Rows rows, double fitSeconds, List<String> notes, String modelFile, Lineage lineage,
        Map<String, String> files) {

    public ModelMetadata {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(target, "target");
        features = List.copyOf(features);
        skipped = Map.copyOf(skipped);
        classes = List.copyOf(classes);
        if (task.isClassification() && classes.size() < 2) {
            throw new IllegalArgumentException("A " + task.label() + " model needs at least two classes, not "
                    + classes);
        }
        if (task == Task.BINARY && classes.size() != 2) {
            throw new IllegalArgumentException("A binary model needs exactly two classes, not " + classes);
        }
        hyperparameters = Map.copyOf(hyperparameters);
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        metrics.forEach((split, values) -> copy.put(split, Map.copyOf(values)));
        metrics = Map.copyOf(copy);
        Objects.requireNonNull(rows, "rows");
        notes = List.copyOf(notes);
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(lineage, "lineage");
        files = Map.copyOf(files);
    }

    /** The number of model inputs after encoding (one per numeric feature, one per category). */
    public int encodedWidth() {
        int width = 0;
        for (Feature feature : features) {
            width += feature.width();
        }
        return width;
    }

    /**
     * Row counts.
     *
     * @param training      rows the model was fitted on
     * @param holdout       rows kept apart to measure it
     * @param withoutTarget rows skipped because their target was missing
     */
    public record Rows(long training, long holdout, long withoutTarget) {
        public Rows {
            if (training < 0 || holdout < 0 || withoutTarget < 0) {
                throw new IllegalArgumentException("Row counts must not be negative: training " + training
                        + ", holdout " + holdout + ", without target " + withoutTarget);
            }
        }
    }
}
