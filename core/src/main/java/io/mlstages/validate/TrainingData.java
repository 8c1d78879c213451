package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.Column;
import io.mlstages.profile.Profile;

import io.mlstages.train.Feature;
import io.mlstages.train.ModelPackage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a model was trained on, as its package records it: what the data gates compare the evaluation data with.
 *
 * @param features the model's input columns and their types, in the model's order
 * @param target   the target column, or null when unknown
 * @param profile  the profile of the training data, or null when the package has none (then no drift gate)
 */
public record TrainingData(List<Column> features, @CheckForNull String target, @CheckForNull Profile profile) {
    public TrainingData {
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        if (target != null && target.isBlank()) {
            target = null;
        }
    }

    /** What a model package records: its features with their training types, its target and its training profile. */
    public static TrainingData of(final ModelPackage model) {
        List<Column> features = new ArrayList<>();
        for (Feature feature : model.metadata().features()) {
            features.add(new Column(feature.name(), feature.type()));
        }
        return new TrainingData(features, model.metadata().target(), model.profile());
    }
}
