package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Task;

import io.mlstages.data.ReadOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to train and how.
 *
 * @param algorithm       the algorithm
 * @param target          the column to predict
 * @param features        the feature columns; empty means every column but the target and {@code exclude}
 *                        (identifier-like text columns, whose values are nearly all distinct, are then left out
 *                        too and reported)
 * @param exclude         columns never used as features (only meaningful when {@code features} is empty)
 * @param task            the task, or null to infer it from the target: a text or boolean target with two values
 *                        is binary, with more multiclass; a numeric target with two values is binary, with at
 *                        most {@value #MAX_INFERRED_CLASSES} whole-number values multiclass, otherwise regression
 * @param hyperparameters algorithm settings by name (see docs/training.md); unknown names are an error
 * @param seed            the seed of every random choice (the holdout split, XGBoost), so that a training is
 *                        repeatable
 * @param holdout         the fraction of rows kept apart to measure the model, in [0, 0.9]; 0 for none
 * @param read            how to read the data
 * @param segments        columns whose values get training profiles of their own (none by default), so that a
 *                        check of the registered model can judge drift per segment ({@code check --segment})
 * @param segmentCapacity the most values per segment column that get a profile of their own; later values are
 *                        profiled together as "other"
 */
public record TrainOptions(Algorithm algorithm, String target, List<String> features, Set<String> exclude,
        @CheckForNull Task task,
        Map<String, String> hyperparameters, long seed, double holdout, ReadOptions read, List<String> segments,
        int segmentCapacity) {

    /** The default seed: fixed, so that two runs of the same command give the same model. */
    public static final long DEFAULT_SEED = 42;
    /** The default holdout fraction. */
    public static final double DEFAULT_HOLDOUT = 0.2;
    /** The most distinct whole-number values a numeric target may have to be inferred as classes. */
    public static final int MAX_INFERRED_CLASSES = 20;
    /**
     * The default segment capacity: as {@code profile --segment} keeps with its default {@code --max-segments} (4
     * times 10), so a trained model's profile judges segments as a stored profile does.
     */
    public static final int DEFAULT_SEGMENT_CAPACITY = 40;

    public TrainOptions {
        Objects.requireNonNull(algorithm, "algorithm");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("The target column must be named");
        }
        features = List.copyOf(features);
        exclude = Set.copyOf(exclude);
        if (features.contains(target)) {
            throw new IllegalArgumentException("The target column '" + target + "' cannot also be a feature");
        }
        if (Set.copyOf(features).size() != features.size()) {
            throw new IllegalArgumentException("A feature is named twice in " + features);
        }
        hyperparameters = Map.copyOf(new LinkedHashMap<>(hyperparameters));
        if (!(holdout >= 0 && holdout <= 0.9)) {
            throw new IllegalArgumentException("The holdout fraction must be between 0 and 0.9, not " + holdout);
        }
        Objects.requireNonNull(read, "read");
        segments = List.copyOf(segments);
        if (Set.copyOf(segments).size() != segments.size()) {
            throw new IllegalArgumentException("A segment column is named twice in " + segments);
        }
        if (segmentCapacity < 1) {
            throw new IllegalArgumentException("The segment capacity must be positive, not " + segmentCapacity);
        }
    }

    /** Options without segments. */
    public TrainOptions(final Algorithm algorithm, final String target, final List<String> features,
            final Set<String> exclude, @CheckForNull final Task task, final Map<String, String> hyperparameters,
            final long seed, final double holdout, final ReadOptions read) {
        this(algorithm, target, features, exclude, task, hyperparameters, seed, holdout, read, List.of(),
                DEFAULT_SEGMENT_CAPACITY);
    }

    /** Default options: all other columns as features, task inferred, no hyperparameters, seed 42, 20 % holdout. */
    public static TrainOptions of(final Algorithm algorithm, final String target) {
        return new TrainOptions(algorithm, target, List.of(), Set.of(), null, Map.of(), DEFAULT_SEED, DEFAULT_HOLDOUT,
                ReadOptions.defaults());
    }

    public TrainOptions withFeatures(final List<String> value) {
        return new TrainOptions(algorithm, target, value, exclude, task, hyperparameters, seed, holdout, read,
                segments, segmentCapacity);
    }

    public TrainOptions withExclude(final Set<String> value) {
        return new TrainOptions(algorithm, target, features, value, task, hyperparameters, seed, holdout, read,
                segments, segmentCapacity);
    }

    public TrainOptions withTask(final Task value) {
        return new TrainOptions(algorithm, target, features, exclude, value, hyperparameters, seed, holdout, read,
                segments, segmentCapacity);
    }

    public TrainOptions withHyperparameters(final Map<String, String> value) {
        return new TrainOptions(algorithm, target, features, exclude, task, value, seed, holdout, read,
                segments, segmentCapacity);
    }

    public TrainOptions withSeed(final long value) {
        return new TrainOptions(algorithm, target, features, exclude, task, hyperparameters, value, holdout, read,
                segments, segmentCapacity);
    }

    public TrainOptions withHoldout(final double value) {
        return new TrainOptions(algorithm, target, features, exclude, task, hyperparameters, seed, value, read,
                segments, segmentCapacity);
    }

    public TrainOptions withRead(final ReadOptions value) {
        return new TrainOptions(algorithm, target, features, exclude, task, hyperparameters, seed, holdout, value,
                segments, segmentCapacity);
    }

    /** These options with training profiles per value of these columns, at most {@code capacity} values each. */
    public TrainOptions withSegments(final List<String> columns, final int capacity) {
        return new TrainOptions(algorithm, target, features, exclude, task, hyperparameters, seed, holdout, read,
                columns, capacity);
    }
}
