package io.mlstages.steps;

import java.util.List;
import java.util.Map;

/**
 * The command line a step runs: the {@code mlstages} arguments for a step's parameter values, and the files the
 * child writes its results to. Jenkins-free, so it is tested here against the real command line.
 *
 * @param command     the {@code mlstages} command ({@code train}, {@code check}, …)
 * @param arguments   every argument after the jar, the command first; never containing a secret
 * @param environment variables the child needs beyond the agent's (names of secrets' variables only map to
 *                    placeholders here; the plugin fills in the secret value itself and never logs it)
 * @param resultFile  the JSON result the child writes, relative to the work folder
 * @param reportFiles other files the child writes (JUnit XML, HTML), by kind ({@code junit}, {@code html}),
 *                    relative to the work folder
 */
public record Invocation(String command, List<String> arguments, Map<String, String> environment, String resultFile,
        Map<String, String> reportFiles) {
    /** The environment variable that carries the http deploy token to the child (its value is set by the plugin). */
    public static final String TOKEN_VARIABLE = "MLSTAGES_DEPLOY_TOKEN";
    /** The environment variable that carries the webhook's token to the child. */
    public static final String WEBHOOK_TOKEN_VARIABLE = "MLSTAGES_WEBHOOK_TOKEN";

    /**
     * The invocation of a step for the values a user gave.
     *
     * @param step            the step (from {@link StepCatalog})
     * @param values          parameter name to value (String, Boolean, Integer, Long, Double, as Jenkins binds
     *                        them); unset parameters are absent or null
     * @param defaultRegistry the global registry setting, used where a step needs a registry and none is given;
     *                        may be null
     * @param workFolder      the folder (relative to the workspace, e.g. {@code .mlstages/checkDrift-3}) where the
     *                        child writes its result and reports
     * @throws IllegalArgumentException naming the parameter: unknown name, wrong type, a missing required or
     *                                  one-of parameter, a parameter given without the one it requires
     */
    public static Invocation of(final StepSpec step, final Map<String, ?> values, final String defaultRegistry,
            final String workFolder) {
        throw new UnsupportedOperationException("not yet");
    }
}
