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
        return of(file, options, settings, observe, List.of(), 1);
    }

    /**
     * As {@link #of(Path, ReadOptions, ProfileSettings, UnaryOperator)}, profiling each value of the segment
     * columns too, in the same pass (see {@link SegmentedProfiler}).
     *
     * @param segmentColumns the segment columns, or none
     * @param capacity       the most values per segment column with a profile of their own
     * @throws ProfileException naming a segment column the file does not have
     */
    public static Profile of(final Path file, final ReadOptions options, final ProfileSettings settings,
            final UnaryOperator<RowSource> observe, final List<String> segmentColumns, final int capacity) {
        // the profiler summarises on a thread of its own, so the file is parsed on the calling thread
        try (RowSource source = observe.apply(DataReader.openOnCallerThread(file, options))) {
            Profile profile;
            try {
                profile = segmentColumns.isEmpty() ? Profiler.profile(source, settings, null)
                        : SegmentedProfiler.profile(source, settings, segmentColumns, capacity, null);
            } catch (ProfileException e) {
                throw new ProfileException(file + ": " + e.getMessage(), e);
            }
            Profile.Source read = profile.sources().get(0);
            return new Profile(profile.schemaVersion(),
                    List.of(new Profile.Source(read.file(), source.sha256(), read.rows())), profile.rows(),
                    profile.settings(), profile.columns(), profile.segments());
        }
    }

    /**
     * One profile of several files read as one sample: each file's profile merged into the first's.
     *
     * @param files    the files, in the order of {@code profiles}, for the message
     * @param profiles their profiles
     * @throws ProfileException naming the file and the column whose schema differs from the first file's
     */
    public static Profile merge(final List<Path> files, final List<Profile> profiles) {
        if (profiles.isEmpty() || files.size() != profiles.size()) {
            throw new IllegalArgumentException("Give one profile per file: " + files.size() + " files, "
                    + profiles.size() + " profiles");
        }
        Profile merged = profiles.get(0);
        for (int i = 1; i < profiles.size(); i++) {
            try {
                merged = merged.merge(profiles.get(i));
            }
            catch (ProfileException e) {
                throw new ProfileException(files.get(i) + " cannot be read as one sample with " + files.get(0)
                        + ": " + e.getMessage(), e);
            }
        }
        return merged;
    }
}
