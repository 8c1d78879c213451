package io.mlstages.cli;

import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiler;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Turns the command line's file arguments into profiles. */
final class Inputs {
    private Inputs() {
    }

    /** Profiles a data file in one streaming pass, reporting progress on {@code progress} unless it is null. */
    static Profile profile(final Path data, final ReadOptions read, final ProfileSettings settings,
            final PrintWriter progress) {
        try (RowSource rows = Progress.of(DataReader.open(data, read), progress)) {
            return new Profiler(settings).profile(rows);
        }
    }

    /**
     * The profile of a file that is either a stored profile (read as it is) or a dataset (profiled now). A
     * stored profile is recognised by its content, not its name.
     */
    static Profile load(final Path file, final ReadOptions read, final ProfileSettings settings,
            final PrintWriter progress) {
        if (ProfileJson.isProfile(file)) {
            return ProfileJson.read(file);
        }
        return profile(file, read, settings, progress);
    }
}
