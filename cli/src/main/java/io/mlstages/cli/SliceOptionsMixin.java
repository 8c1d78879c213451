package io.mlstages.cli;

import io.mlstages.validate.Gate;
import io.mlstages.validate.SliceOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Validation per slice of a column ({@code validate --slice}), with its gates. */
final class SliceOptionsMixin {
    @Option(names = "--slice", paramLabel = "COLUMN",
            description = "Measure the model on each value of this column too (the largest --max-slices values, the "
                    + "rest as 'other'; a numeric column with more values is cut at its quartiles). Repeatable.")
    List<String> slices = new ArrayList<>();

    @Option(names = "--min-slice", paramLabel = "METRIC=VALUE",
            description = "Every slice with at least --min-slice-rows rows must reach VALUE. Repeatable.")
    List<String> minSlice = new ArrayList<>();

    @Option(names = "--max-slice", paramLabel = "METRIC=VALUE",
            description = "Every slice with at least --min-slice-rows rows must stay at most VALUE. Repeatable.")
    List<String> maxSlice = new ArrayList<>();

    @Option(names = "--max-slices", paramLabel = "K", defaultValue = "" + SliceOptions.DEFAULT_MAX_SLICES,
            description = "How many values per slice column are measured on their own, the largest by rows "
                    + "(default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = "1000")
    int maxSlices;

    @Option(names = "--min-slice-rows", paramLabel = "N", defaultValue = "" + SliceOptions.DEFAULT_MIN_ROWS,
            description = "Slices with fewer rows are reported but not gated (default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = "1000000000")
    long minRows;

    /** The engine's slice options for these flags. */
    SliceOptions toSliceOptions() {
        List<Gate.Bound> gates = new ArrayList<>();
        minSlice.forEach(option -> gates.add(SliceOptions.parseMin(option)));
        maxSlice.forEach(option -> gates.add(SliceOptions.parseMax(option)));
        return new SliceOptions(slices, gates, maxSlices, minRows);
    }
}
