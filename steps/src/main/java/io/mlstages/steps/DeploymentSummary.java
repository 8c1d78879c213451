package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the build page says about one {@code deployModel} call, taken from its result map (see
 * {@link StepResults}): no file is kept for a deployment.
 *
 * @param model             the registry's model name
 * @param version           the version deployed (or refused), or null when none was resolved
 * @param alias             the alias moved
 * @param previousVersion   the version the alias pointed to before, or null
 * @param deployed          whether every target took it and the alias moved
 * @param refused           why the engine refused it, or null
 * @param targetsOk         the targets that took it
 * @param targetsFailed     the targets that failed, each as {@code target: detail}
 * @param mitigatedIncident the model's drift incident this deployment mitigated, or null
 */
public record DeploymentSummary(String model, Integer version, String alias, Integer previousVersion,
        boolean deployed, String refused, List<String> targetsOk, List<String> targetsFailed,
        String mitigatedIncident) {

    public DeploymentSummary {
        Objects.requireNonNull(model, "model");
        alias = Objects.requireNonNullElse(alias, "");
        targetsOk = List.copyOf(targetsOk);
        targetsFailed = List.copyOf(targetsFailed);
    }

    /**
     * The summary of a {@code deployModel} result map.
     *
     * @throws StepException when the map is not a deployment's result (names the missing key)
     */
    public static DeploymentSummary of(final Map<String, ?> result) {
        Objects.requireNonNull(result, "result");
        if (!(result.get("model") instanceof String model)) {
            throw new StepException("deployModel result: the key \"model\" is missing or not text: " + result.keySet());
        }
        List<String> ok = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        if (result.get("targets") instanceof List<?> targets) {
            for (Object item : targets) {
                if (item instanceof Map<?, ?> target) {
                    String name = String.valueOf(target.get("target"));
                    if (Boolean.TRUE.equals(target.get("ok"))) {
                        ok.add(name);
                    }
                    else {
                        Object detail = target.get("detail");
                        failed.add(detail == null || detail.toString().isEmpty() ? name : name + ": " + detail);
                    }
                }
            }
        }
        return new DeploymentSummary(model, integer(result.get("version")), text(result.get("alias")),
                integer(result.get("previousVersion")), Boolean.TRUE.equals(result.get("deployed")),
                text(result.get("refused")), ok, failed, text(result.get("mitigatedIncident")));
    }

    @CheckForNull
    private static Integer integer(@CheckForNull final Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }

    @CheckForNull
    private static String text(@CheckForNull final Object value) {
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }
}
