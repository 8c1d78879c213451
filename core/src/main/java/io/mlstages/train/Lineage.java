package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Objects;

/**
 * Where a model came from, so that a training can be traced and repeated.
 *
 * @param inputs      the data files read, with their SHA-256 and row count
 * @param gitCommit   {@code GIT_COMMIT} from the environment (set by Jenkins' Git plugin), or null
 * @param buildUrl    {@code BUILD_URL} from the environment (set by Jenkins), or null
 * @param trainedAt   when training finished, ISO-8601 UTC
 * @param toolVersion the engine's version
 * @param javaVersion the Java runtime's version
 * @param os          the operating system name, version and architecture
 * @param seed        the seed used
 */
public record Lineage(List<Input> inputs, @CheckForNull String gitCommit, @CheckForNull String buildUrl,
        String trainedAt, String toolVersion, String javaVersion, String os, long seed) {
    public Lineage {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(os, "os");
    }

    /** One data file a model was trained on. */
    public record Input(String file, String sha256, long rows) {
        public Input {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256 of " + file);
            if (rows < 0) {
                throw new IllegalArgumentException("rows of " + file + " must not be negative, not " + rows);
            }
        }
    }
}
