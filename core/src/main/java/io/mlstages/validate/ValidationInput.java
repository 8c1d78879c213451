package io.mlstages.validate;

import java.util.Objects;

/**
 * What {@link Gates#check} validates. Build it with {@link #of} and add a baseline and the data gates' inputs with
 * the {@code with...} methods.
 *
 * @param model          the candidate model
 * @param evaluation     its metrics on the evaluation data
 * @param baselineModel  the baseline model, or null
 * @param baseline       the baseline's metrics on the same data, or null
 * @param data           the evaluation data's file name (or the predictions file's)
 * @param dataSha256     its SHA-256, or null when unknown
 * @param training       what the candidate was trained on (its features, target and profile), or null: needed by
 *                       the data gates
 * @param evaluationData the evaluation data's schema and profile, or null: needed by the data gates
 */
public record ValidationInput(ModelIdentity model, Evaluation evaluation, ModelIdentity baselineModel,
        Evaluation baseline, String data, String dataSha256, TrainingData training, EvaluationData evaluationData) {

    public ValidationInput {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(evaluation, "evaluation of " + model.name());
        Objects.requireNonNull(data, "data");
        if ((baselineModel == null) != (baseline == null)) {
            throw new IllegalArgumentException("A baseline needs both its model and its evaluation");
        }
    }

    /** A candidate evaluated on data, without baseline or data gates' inputs. */
    public static ValidationInput of(final ModelIdentity model, final Evaluation evaluation, final String data,
            final String dataSha256) {
        return new ValidationInput(model, evaluation, null, null, data, dataSha256, null, null);
    }

    /** A copy with a baseline model and its evaluation on the same data. */
    public ValidationInput withBaseline(final ModelIdentity model, final Evaluation evaluation) {
        return new ValidationInput(this.model, this.evaluation, model, evaluation, data, dataSha256, training,
                evaluationData);
    }

    /** A copy with what the data gates compare: the training data's description and the evaluation data. */
    public ValidationInput withData(final TrainingData trainingData, final EvaluationData evaluated) {
        return new ValidationInput(model, evaluation, baselineModel, baseline, data, dataSha256, trainingData,
                evaluated);
    }
}
