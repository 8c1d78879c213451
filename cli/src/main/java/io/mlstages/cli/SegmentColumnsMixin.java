package io.mlstages.cli;

import io.mlstages.drift.SegmentOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * Which columns are segmented and how many values each keeps: what profiling needs ({@code profile}, {@code train}),
 * and, within {@link SegmentOptionsMixin}, the drift check too.
 */
final class SegmentColumnsMixin {
    @Option(names = "--segment", paramLabel = "COLUMN",
            description = "Check each value of this column on its own too (the largest --max-segments values, "
                    + "and the rest as 'other'); any drifted segment is a finding. Repeatable. With 'profile' and "
                    + "'train': store the segments' profiles, which a check against the stored profile or the "
                    + "registered model needs.")
    List<String> segments = new ArrayList<>();

    @Option(names = "--max-segments", paramLabel = "K", defaultValue = "" + SegmentOptions.DEFAULT_MAX_SEGMENTS,
            description = "How many values per segment column are checked on their own, the largest by current "
                    + "rows (default: ${DEFAULT-VALUE}); 'profile' and 'train' keep " + SegmentOptions.CAPACITY_FACTOR
                    + " times as many.")
    @Range(min = "1", max = "" + SegmentOptions.MAX_MAX_SEGMENTS)
    int maxSegments;

    /** How many values per column profiling keeps apart. */
    int capacity() {
        return SegmentOptions.capacity(maxSegments);
    }
}
