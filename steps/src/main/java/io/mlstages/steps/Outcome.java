package io.mlstages.steps;

/**
 * What a finished step means for the build, from the child's exit code and the user's {@link OnFinding} choice.
 */
public enum Outcome {
    /** Exit 0: nothing found. */
    PASSED,
    /** A finding and {@link OnFinding#FAIL}: the step fails the build. */
    FAIL,
    /** A finding and {@link OnFinding#UNSTABLE}: the build and the stage become unstable. */
    UNSTABLE,
    /** A finding and {@link OnFinding#REPORT}: only reported. */
    REPORTED,
    /** Exit 2 or 3 (bad input, an error): always fails the build, whatever the choice. */
    ERROR;

    /**
     * The outcome of an exit code (0 ok, 1 finding, 2 bad input, 3 error; anything else is an error too).
     */
    public static Outcome of(final int exitCode, final OnFinding onFinding) {
        if (exitCode == 0) {
            return PASSED;
        }
        if (exitCode != 1) {
            return ERROR;
        }
        if (onFinding == null) {
            throw new IllegalArgumentException("A finding (exit code 1) needs the choice of what to do with it");
        }
        return switch (onFinding) {
            case FAIL -> FAIL;
            case UNSTABLE -> UNSTABLE;
            case REPORT -> REPORTED;
        };
    }

    /** Whether the build fails: an error, or a finding the user chose to fail on. */
    public boolean failsBuild() {
        return this == FAIL || this == ERROR;
    }
}
