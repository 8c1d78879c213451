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
 * @param forced            whether an unblessed version went out ({@code force: true} or {@code noRequireBlessing}),
 *                          as the registry's alias history records it
 * @param skippedGates      for a forced deployment, the gates that failed when this build validated the package (the
 *                          reason it had no blessing); empty when unknown
 */
public record DeploymentSummary(String model, @CheckForNull Integer version, @CheckForNull String alias,
        @CheckForNull Integer previousVersion, boolean deployed, @CheckForNull String refused, List<String> targetsOk,
        List<String> targetsFailed, @CheckForNull String mitigatedIncident, boolean forced, List<String> skippedGates) {

    public DeploymentSummary {
        Objects.requireNonNull(model, "model");
        alias = Objects.requireNonNullElse(alias, "");
        targetsOk = List.copyOf(targetsOk);
        targetsFailed = List.copyOf(targetsFailed);
        skippedGates = List.copyOf(skippedGates);
    }

    /** This summary with the gates a forced deployment skipped. */
    public DeploymentSummary withSkippedGates(final List<String> gates) {
        return new DeploymentSummary(model, version, alias, previousVersion, deployed, refused, targetsOk,
                targetsFailed, mitigatedIncident, forced, gates);
    }

    /**
     * The build page's mark of a forced deployment, or empty for a normal one: {@code Forced: not blessed, skipped the
     * failed gates min accuracy, max_regression roc_auc}.
     */
    public String forcedNote() {
        if (!forced) {
            return "";
        }
        return skippedGates.isEmpty() ? "Forced: deployed without a blessing (no validation gates passed for it)"
                : "Forced: deployed without a blessing, skipping the failed gates " + String.join(", ", skippedGates);
    }

    /**
     * The gates a forced deployment of {@code deployedPackage} skipped: those that failed in this build's last
     * validation of the same package folder.
     *
     * @param deployedPackage the {@code package} parameter of {@code deployModel}, or null (a registered version)
     * @param validations     this build's validations in order: the validated package (the {@code model} parameter of
     *                        {@code validateModel}) and its failed gates
     */
    public static List<String> skippedGates(final String deployedPackage,
            final List<Map.Entry<String, List<String>>> validations) {
        if (deployedPackage == null || validations == null) {
            return List.of();
        }
        String wanted = normalise(deployedPackage);
        List<String> skipped = List.of();
        for (Map.Entry<String, List<String>> validation : validations) {
            if (validation.getKey() != null && normalise(validation.getKey()).equals(wanted)) {
                skipped = List.copyOf(validation.getValue());
            }
        }
        return skipped;
    }

    private static String normalise(final String path) {
        String p = path.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
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
                text(result.get("refused")), ok, failed, text(result.get("mitigatedIncident")),
                Boolean.TRUE.equals(result.get("forced")), List.of());
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
