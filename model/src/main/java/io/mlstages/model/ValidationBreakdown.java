package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What a validation found beyond the overall metrics: which features the model leans on, and how it does on each
 * slice of the evaluation data ({@code validate --slice}), the worst first. The {@code breakdown} of a
 * {@link ValidationReportDocument}; absent from reports of predictions files and of models the engine cannot score.
 *
 * @param explanation the features' weight in the model, or null when none could be computed (an external model)
 * @param slices      the slices, worst first; empty without {@code --slice}
 */
public record ValidationBreakdown(@JsonInclude(JsonInclude.Include.NON_NULL) Explanation explanation,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Slice> slices) {

    public ValidationBreakdown {
        slices = slices == null ? List.of() : List.copyOf(slices);
    }

    /**
     * How much each feature weighs in the model's output, largest first.
     *
     * @param method   {@code tree-shap} (XGBoost's exact tree SHAP contributions: the mean absolute contribution
     *                 of each feature per row) or {@code standardized-coefficients} (a linear model's coefficient
     *                 times its input's standard deviation on the evaluation data)
     * @param scale    what the values are in: {@code log-odds} for a classifier's margin, {@code target} for a
     *                 regression's prediction
     * @param rows     the evaluation rows they were computed on
     * @param features every feature of the model, by weight, largest first (a one-hot encoded feature's columns
     *                 summed into it)
     */
    public record Explanation(String method, String scale, long rows, List<Feature> features) {
        public Explanation {
            features = features == null ? List.of() : List.copyOf(features);
        }
    }

    /**
     * One feature's weight.
     *
     * @param name   the feature, as the training data named it
     * @param weight its mean absolute contribution, or its absolute standardized coefficient
     * @param share  its weight as a share of the sum of all weights, in [0, 1]
     */
    public record Feature(String name, double weight, double share) {
    }

    /**
     * One slice: the rows of the evaluation data whose value in a column is one value (or in one quantile bin of a
     * numeric column, or among the smaller values: {@code other}).
     *
     * @param column  the slicing column
     * @param value   the value, the bin ({@code [30, 45)}), or null for missing cells and for the other bucket
     * @param other   whether it pools every value beyond the largest ones
     * @param rows    its rows
     * @param judged  whether it had enough rows to be gated
     * @param passed  whether it met every slice gate (true when not judged)
     * @param failed  the slice gates it failed, e.g. {@code min accuracy}
     * @param metrics the model's metrics on it, in the report's order; an undefined metric is null
     */
    public record Slice(String column, String value, boolean other, long rows, boolean judged, boolean passed,
            List<String> failed, Map<String, Double> metrics) {
        public Slice {
            failed = failed == null ? List.of() : List.copyOf(failed);
            metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(metrics));
        }
    }
}
