package io.mlstages.cli;

import io.mlstages.profile.ProfileSettings;
import picocli.CommandLine.Option;

/** The options that tune profiles; unset options keep the engine's documented defaults. */
final class ProfileOptionsMixin {
    @Option(names = "--sketch-k", paramLabel = "K",
            description = "KLL sketch size: larger is more accurate and larger (default: see docs/profiles.md).")
    Integer sketchK;

    @Option(names = "--bins", paramLabel = "N", description = "Histogram bins per numeric column.")
    Integer bins;

    @Option(names = "--top-k", paramLabel = "N", description = "Categories kept by name per column.")
    Integer topK;

    @Option(names = "--exact-limit", paramLabel = "N",
            description = "Up to this many values a numeric column keeps them all, for exact statistics.")
    Integer exactLimit;

    ProfileSettings toSettings() {
        ProfileSettings defaults = ProfileSettings.defaults();
        return new ProfileSettings(sketchK == null ? defaults.sketchK() : sketchK,
                bins == null ? defaults.bins() : bins,
                topK == null ? defaults.topK() : topK,
                exactLimit == null ? defaults.exactLimit() : exactLimit);
    }
}
