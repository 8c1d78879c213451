package io.mlstages.cli;

import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
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
            final PrintWriter progress) {
        return Profiles.of(data, read, settings, source -> Progress.of(source, progress));
    }

    /**
     * The profile of a file that is either a stored profile (read as it is) or a dataset (profiled now). A
     * stored profile is recognised by its content, not its name. A dataset without rows is an error: there is
     * nothing to compare.
     */
    static Profile load(final Path file, final ReadOptions read, final ProfileSettings settings,
            final PrintWriter progress) {
        Profile profile = ProfileJson.isProfile(file) ? ProfileJson.read(file) : profile(file, read, settings, progress);
        if (profile.rows() == 0) {
            throw new DataException(file, 0, null, "has a header but no rows: there is nothing to compare");
        }
        return profile;
    }
}
