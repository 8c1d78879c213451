package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Evaluation;

import io.mlstages.metrics.Task;

import java.util.Objects;

/**
 * What {@link Gates#check} validates. Build it with {@link #of} and add a baseline and the data gates' inputs with
 * the {@code with...} methods.
 *
 * @param model          the candidate model
 * @param task           its task
 * @param evaluation     its metrics on the evaluation data, or null when it could not be scored because the data
 *                       does not match its schema ({@link #unscored}): metric and baseline gates then fail as
 *                       "not computed" and the data gates say why
 * @param baselineModel  the baseline model, or null
 * @param baseline       the baseline's metrics on the same data, or null
 * @param data           the evaluation data's file name (or the predictions file's)
 * @param dataSha256     its SHA-256, or null when unknown
 * @param training       what the candidate was trained on (its features, target and profile), or null: needed by
 *                       the data gates
 * @param evaluationData the evaluation data's schema and profile, or null: needed by the data gates
 */
public record ValidationInput(ModelIdentity model, Task task, @CheckForNull Evaluation evaluation,
        @CheckForNull ModelIdentity baselineModel, @CheckForNull Evaluation baseline, String data,
        @CheckForNull String dataSha256, @CheckForNull TrainingData training, @CheckForNull EvaluationData evaluationData) {

    public ValidationInput {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task of " + model.name());
        if (evaluation != null && evaluation.task() != task) {
            throw new IllegalArgumentException("The model " + model.name() + " is " + task.label()
                    + " but its evaluation is " + evaluation.task().label());
        }
        Objects.requireNonNull(data, "data");
        if ((baselineModel == null) != (baseline == null)) {
            throw new IllegalArgumentException("A baseline needs both its model and its evaluation");
        }
    }

    /** A candidate evaluated on data, without baseline or data gates' inputs. */
    public static ValidationInput of(final ModelIdentity model, final Evaluation evaluation, final String data,
            @CheckForNull final String dataSha256) {
        return new ValidationInput(model, evaluation.task(), evaluation, null, null, data, dataSha256, null, null);
    }

    /**
     * A candidate that could not be scored on the data (its schema does not match: see
     * {@link Gates#schemaMatches}). Add the data gates' inputs with {@link #withData}, so that the report says why.
     */
    public static ValidationInput unscored(final ModelIdentity model, final Task task, final String data,
            @CheckForNull final String dataSha256) {
        return new ValidationInput(model, task, null, null, null, data, dataSha256, null, null);
    }

    /** A copy with a baseline model and its evaluation on the same data. */
    public ValidationInput withBaseline(final ModelIdentity model, final Evaluation evaluation) {
        return new ValidationInput(this.model, task, this.evaluation, model, evaluation, data, dataSha256, training,
                evaluationData);
    }

    /** A copy with what the data gates compare: the training data's description and the evaluation data. */
    public ValidationInput withData(final TrainingData trainingData, final EvaluationData evaluated) {
        return new ValidationInput(model, task, evaluation, baselineModel, baseline, data, dataSha256, trainingData,
                evaluated);
    }
}
