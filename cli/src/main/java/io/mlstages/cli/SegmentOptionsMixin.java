package io.mlstages.cli;

import io.mlstages.drift.SegmentOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The drift check per segment, shared by {@code drift}, {@code check} and {@code profile}. */
final class SegmentOptionsMixin {
    @Mixin
    SegmentColumnsMixin columns;

    @Option(names = "--min-segment-rows", paramLabel = "N", defaultValue = "" + SegmentOptions.DEFAULT_MIN_ROWS,
            description = "drift and check: segments with fewer rows on either side are reported as too small, "
                    + "not checked (default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = "1000000000")
    long minRows;

    /** The engine's segment options for these flags. */
    SegmentOptions toSegmentOptions() {
        return new SegmentOptions(columns.segments, columns.maxSegments, minRows);
    }
}
