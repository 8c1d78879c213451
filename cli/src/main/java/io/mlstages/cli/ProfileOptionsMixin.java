package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.profile.ProfileSettings;
import picocli.CommandLine.Option;

/** The options that tune profiles; unset options keep the engine's documented defaults. */
final class ProfileOptionsMixin {
    @Option(names = "--sketch-k", paramLabel = "K",
            description = "KLL sketch size: larger is more accurate and larger (default: see docs/profiles.md).")
    @Range(min = "8", max = "65535")
    @CheckForNull Integer sketchK;

    @Option(names = "--bins", paramLabel = "N", description = "Histogram bins per numeric column.")
    @Range(min = "1", max = "10000")
    @CheckForNull Integer bins;

    @Option(names = "--top-k", paramLabel = "N", description = "Categories kept by name per column.")
    @Range(min = "1", max = "100000")
    @CheckForNull Integer topK;

    @Option(names = "--exact-limit", paramLabel = "N",
            description = "Up to this many values a numeric column keeps them all, for exact statistics.")
    @Range(min = "0", max = "1000000")
    @CheckForNull Integer exactLimit;

    ProfileSettings toSettings() {
        ProfileSettings defaults = ProfileSettings.defaults();
        return new ProfileSettings(sketchK == null ? defaults.sketchK() : sketchK,
                bins == null ? defaults.bins() : bins,
                topK == null ? defaults.topK() : topK,
                exactLimit == null ? defaults.exactLimit() : exactLimit);
    }
}
