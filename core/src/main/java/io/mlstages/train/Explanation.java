package io.mlstages.train;

import io.mlstages.metrics.Task;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How much each feature weighs in a model's output on some data, the heaviest first: what the validation report
 * shows next to the metrics. Computed by {@link Explainer}; the methods and why: {@code docs/validation.md}.
 *
 * @param method   how the weights were computed
 * @param task     the model's task, which says what the weights are in ({@link #scale()})
 * @param rows     the rows they were computed on
 * @param features every feature of the model with its weight, the heaviest first (ties by name)
 */
public record Explanation(Method method, Task task, long rows, List<Weight> features) {

    /** How the weights were computed. */
    public enum Method {
        /**
         * XGBoost's exact tree SHAP: each row's output margin split into one contribution per feature plus a
         * bias; a feature's weight is its mean absolute contribution over the rows.
         */
        TREE_SHAP,
        /**
         * A linear model's coefficient of each input times the input's standard deviation on the data: the change
         * of the margin for one standard deviation of the feature.
         */
        STANDARDIZED_COEFFICIENTS;

        /** The name in reports: {@code tree-shap}, {@code standardized-coefficients}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One feature's weight.
     *
     * @param name   the feature, as the training data names it (a categorical feature's one-hot inputs are summed
     *               into it)
     * @param weight its weight, non-negative
     */
    public record Weight(String name, double weight) {
        public Weight {
            Objects.requireNonNull(name, "name");
            if (!(weight >= 0)) {
                throw new IllegalArgumentException("The weight of '" + name + "' must be a non-negative number, not "
                        + weight);
            }
        }
    }

    public Explanation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(task, "task");
        features = List.copyOf(features);
    }

    /** What the weights are in: {@code log-odds} (binary), {@code margin} (multiclass), {@code target}. */
    public String scale() {
        return switch (task) {
            case BINARY -> "log-odds";
            case MULTICLASS -> "margin";
            case REGRESSION -> "target";
        };
    }

    /** A feature's weight as a share of all the weights (0 when every weight is 0). */
    public double share(final Weight feature) {
        double total = features.stream().mapToDouble(Weight::weight).sum();
        return total > 0 ? feature.weight() / total : 0;
    }

    /** The first {@code n} features. */
    public List<Weight> top(final int n) {
        return features.subList(0, Math.min(Math.max(0, n), features.size()));
    }
}
