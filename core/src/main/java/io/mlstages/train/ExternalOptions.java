package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run an external trainer.
 *
 * @param command          the program and its arguments, split into words by {@link ExternalTrainer#split} (no
 *                         shell is involved: write {@code bash -c '...'} to get one)
 * @param timeout          how long the program may run before it and its child processes are killed
 * @param workingDirectory where it runs, or null for the current directory
 */
public record ExternalOptions(String command, Duration timeout, @CheckForNull Path workingDirectory) {
    /** The default timeout: long enough for real trainings, short enough that a hung one does not hold a CI agent. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

    public ExternalOptions {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("The external trainer's command must not be empty");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, not " + timeout);
        }
    }

    /** The command with the default timeout, run in the current directory. */
    public static ExternalOptions of(final String command) {
        return new ExternalOptions(command, DEFAULT_TIMEOUT, null);
    }

    public ExternalOptions withTimeout(final Duration value) {
        return new ExternalOptions(command, value, workingDirectory);
    }

    public ExternalOptions withWorkingDirectory(final Path value) {
        return new ExternalOptions(command, timeout, value);
    }
}
