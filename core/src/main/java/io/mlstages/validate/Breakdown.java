package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.train.Explanation;

import java.util.List;

/**
 * What a validation found beyond the overall metrics: the features' weights in the model and its metrics per slice,
 * the worst slice first. Made by {@link ModelBreakdown}.
 *
 * @param explanation the features' weights, or null when the engine cannot explain the model (an external one)
 * @param slices      the slices, worst first (judged ones before those too small to judge); empty without
 *                    {@code --slice}
 */
public record Breakdown(@CheckForNull Explanation explanation, List<Slice> slices) {
    public Breakdown {
        slices = List.copyOf(slices);
    }
}
