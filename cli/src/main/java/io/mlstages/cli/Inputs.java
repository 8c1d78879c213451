package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Turns the command line's file arguments into profiles. */
final class Inputs {
    private Inputs() {
    }

    /** Profiles a data file in one streaming pass, reporting progress on {@code progress} unless it is null. */
    static Profile profile(final Path data, final ReadOptions read, final ProfileSettings settings,
            @CheckForNull final PrintWriter progress) {
        return Profiles.of(data, read, settings, source -> Progress.of(source, progress));
    }

    /** As {@link #profile(Path, ReadOptions, ProfileSettings, PrintWriter)}, with per-segment profiles. */
    static Profile profile(final Path data, final ReadOptions read, final ProfileSettings settings,
            @CheckForNull final PrintWriter progress, final java.util.List<String> segmentColumns, final int capacity) {
        return Profiles.of(data, read, settings, source -> Progress.of(source, progress), segmentColumns, capacity);
    }
}
