package io.mlstages.serve;

import io.mlstages.data.Format;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the prediction log back. Each line is
 * {@code {"time":…,"model":…,"modelVersion":N,"features":{name: value, …},"prediction":{…}}}; the engine's JSON
 * Lines reader flattens it to columns {@code time}, {@code model}, {@code modelVersion}, {@code features.<name>}
 * and {@code prediction.label}, {@code prediction.probabilities.<class>} (or {@code prediction.value}). Features
 * sit in an object of their own so that a feature can never collide with the log's own fields; {@link #features}
 * strips the prefix so that the profile compares with the model's training profile column for column.
 */
public final class PredictionLogs {
    /** The file the server writes; rotated files are {@code predictions-<UTC timestamp>-<sequence>.jsonl}. */
    public static final String CURRENT = PredictionLog.CURRENT;
    /** The prefix of a feature column in the flattened log. */
    public static final String FEATURE_PREFIX = "features.";

    private PredictionLogs() {
    }

    /** The log files of a folder, oldest first: the rotated ones by timestamp and sequence, then the current one. */
    public static List<Path> files(final Path logDir) {
        try {
            List<Path> files = new ArrayList<>(PredictionLog.rotated(logDir));
            Path current = logDir.resolve(CURRENT);
            if (Files.isRegularFile(current)) {
                files.add(current);
            }
            return files;
        } catch (IOException e) {
            throw new ServeException(logDir + ": cannot list the prediction logs: " + e.getMessage(), e);
        }
    }

    /**
     * Profiles one prediction log file and keeps its feature columns under their own names, ready for
     * {@link io.mlstages.drift.DriftDetector#compare} against the model's training profile.
     */
    public static Profile profileFeatures(final Path logFile, final ProfileSettings settings) {
        return features(Profiles.of(logFile, ReadOptions.defaults().withFormat(Format.JSONL), settings));
    }

    /** The profile's {@code features.<name>} columns renamed {@code <name>}, the other columns left out. */
    public static Profile features(final Profile logProfile) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (ColumnProfile column : logProfile.columns()) {
            if (column.name().startsWith(FEATURE_PREFIX)) {
                columns.add(new ColumnProfile(column.name().substring(FEATURE_PREFIX.length()), column.type(),
                        column.count(), column.missing(), column.numeric(), column.categories()));
            }
        }
        return new Profile(logProfile.schemaVersion(), logProfile.sources(), logProfile.rows(),
                logProfile.settings(), columns);
    }
}
