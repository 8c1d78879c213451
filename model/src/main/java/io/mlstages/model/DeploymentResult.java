package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What {@code mlstages deploy --json} writes, as far as its readers need it (the registry's alias move it also holds
 * is the registry's own record). It has no {@code kind}, and no schema version yet: version 1.
 *
 * @param model             the registry's model name
 * @param version           the version deployed (or refused), or null when none was resolved
 * @param alias             the alias moved
 * @param previous          the version the alias pointed to before, or null
 * @param forced            whether an unblessed version went out
 * @param outcomes          each target's outcome, in the order they ran
 * @param succeeded         whether every target took it and the alias moved
 * @param refused           why the engine refused it, or null
 * @param mitigatedIncident the model's incident this deployment mitigated, or null
 */
public record DeploymentResult(@JsonProperty(required = true) String model, Integer version,
        @JsonProperty(required = true) String alias, Integer previous, boolean forced, List<TargetOutcome> outcomes,
        @JsonProperty(required = true) boolean succeeded, String refused, String mitigatedIncident) {

    /** A deployment result: no kind; its version field is absent in version 1. */
    public static final DocumentType<DeploymentResult> TYPE = new DocumentType<>(DeploymentResult.class, null,
            "deployment result", "schemaVersion", 1);

    public DeploymentResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /**
     * One target's outcome.
     *
     * @param target   e.g. {@code registry}, {@code directory=/srv/models}
     * @param status   DONE, UNCHANGED, FAILED or SKIPPED
     * @param detail   what happened, or null
     */
    public record TargetOutcome(String target, String status, String detail) {
        /** Whether the target has the version: published now or before. */
        public boolean ok() {
            return "DONE".equals(status) || "UNCHANGED".equals(status);
        }
    }
}
