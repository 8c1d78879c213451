package io.mlstages.cli;

import io.mlstages.drift.SegmentOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The drift check per segment, shared by {@code drift}, {@code check} and {@code profile}. */
final class SegmentOptionsMixin {
    @Option(names = "--segment", paramLabel = "COLUMN",
            description = "Check each value of this column on its own too (the largest --max-segments values, "
                    + "and the rest as 'other'); any drifted segment is a finding. Repeatable. With 'profile': "
                    + "store the segments' profiles, which a check against the stored profile needs.")
    List<String> segments = new ArrayList<>();

    @Option(names = "--max-segments", paramLabel = "K", defaultValue = "" + SegmentOptions.DEFAULT_MAX_SEGMENTS,
            description = "How many values per segment column are checked on their own, the largest by current "
                    + "rows (default: ${DEFAULT-VALUE}); 'profile' keeps " + SegmentOptions.CAPACITY_FACTOR
                    + " times as many.")
    @Range(min = "1", max = "" + SegmentOptions.MAX_MAX_SEGMENTS)
    int maxSegments;

    @Option(names = "--min-segment-rows", paramLabel = "N", defaultValue = "" + SegmentOptions.DEFAULT_MIN_ROWS,
            description = "drift and check: segments with fewer rows on either side are reported as too small, "
                    + "not checked (default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = "1000000000")
    long minRows;

    /** The engine's segment options for these flags. */
    SegmentOptions toSegmentOptions() {
        return new SegmentOptions(segments, maxSegments, minRows);
    }
}
