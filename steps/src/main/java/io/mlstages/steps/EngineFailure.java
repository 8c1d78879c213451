package io.mlstages.steps;

/**
 * What a step says when the engine did not finish normally: bad input (exit code 2), an internal error (3), or a
 * crash of any kind (another exit code, or no result file), with the exit code and the engine's last line.
 */
public final class EngineFailure {
    private EngineFailure() {
    }

    /**
     * The sentence for the build log and the step's failure (without the step's name; see {@link StepMessages}).
     *
     * @param command  the engine command, e.g. {@code train}
     * @param exitCode its exit code
     * @param lastLine its last non-blank output line, or null
     */
    public static String describe(final String command, final int exitCode, final String lastLine) {
        String engine = "mlstages " + command;
        String said = lastLine == null || lastLine.isBlank() ? " and printed nothing" : ": " + lastLine.strip();
        return switch (exitCode) {
            case 2 -> engine + " rejected its input (exit code 2)" + said;
            case 3 -> engine + " failed with an internal error (exit code 3)" + said;
            default -> "the engine failed: " + engine + " ended with exit code " + exitCode
                    + " without writing its result" + said;
        };
    }
}
