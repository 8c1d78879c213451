package io.mlstages.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;

/** Entry point: profile a file. */
public final class Profiles {
    private Profiles() {
    }

    /**
     * Reads a CSV or JSON Lines file and profiles it, recording the file's SHA-256 (computed by the reader while
     * it reads, so it costs no extra pass).
     *
     * @throws io.mlstages.data.DataException when the file cannot be read or a row is malformed
     */
    public static Profile of(final Path file, final ReadOptions options, final ProfileSettings settings) {
        return of(file, options, settings, UnaryOperator.identity());
    }

    /**
     * As {@link #of(Path, ReadOptions, ProfileSettings)}, reading through {@code observe}, which wraps the source
     * (the command line uses it to report progress).
     */
    public static Profile of(final Path file, final ReadOptions options, final ProfileSettings settings,
            final UnaryOperator<RowSource> observe) {
        // the profiler summarises on a thread of its own, so the file is parsed on the calling thread
        try (RowSource source = observe.apply(DataReader.openOnCallerThread(file, options))) {
            Profile profile = Profiler.profile(source, settings, null);
            Profile.Source read = profile.sources().get(0);
            return new Profile(profile.schemaVersion(),
                    List.of(new Profile.Source(read.file(), source.sha256(), read.rows())), profile.rows(),
                    profile.settings(), profile.columns());
        }
    }
}
