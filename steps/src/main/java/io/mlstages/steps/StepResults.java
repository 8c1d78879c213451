package io.mlstages.steps;

import java.util.LinkedHashMap;

/**
 * The value a step call returns in a Jenkinsfile, read from the JSON result its child wrote. Only JDK types
 * (String, Boolean, Integer, Long, Double, ArrayList, LinkedHashMap), so that the value is safe for the CPS
 * program's saved state and for the script sandbox.
 */
public final class StepResults {
    private StepResults() {
    }

    /**
     * The result map of a finished step.
     *
     * @param step       the step
     * @param invocation what ran
     * @param exitCode   the child's exit code (0 ok, 1 finding, 2 bad input, 3 error)
     * @param resultJson the result file's content (null when the child wrote none, e.g. on exit 2)
     * @param reportUrl  the build page's report URL, or null
     * @return the map; its keys are listed in docs/jenkins.md and checked by tests
     * @throws StepException when the result file is missing or malformed (names the file)
     */
    public static LinkedHashMap<String, Object> read(final StepSpec step, final Invocation invocation,
            final int exitCode, final String resultJson, final String reportUrl) {
        throw new UnsupportedOperationException("not yet");
    }
}
