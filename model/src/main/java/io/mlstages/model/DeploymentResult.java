package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What {@code mlstages deploy --json} and {@code rollback --json} write, and the {@code deployModel} step reads back:
 * the deployment or rollback, each target's outcome and the alias move. It has no {@code kind}; its
 * {@code schemaVersion} is absent from files written before this record (read as version 1).
 *
 * @param schemaVersion     the version of this shape ({@value #SCHEMA_VERSION}; 0 when read from a file without it)
 * @param model             the registry's model name
 * @param version           the version deployed (or refused, or rolled back to), or null when none was resolved
 * @param alias             the alias moved
 * @param previous          the version the alias pointed to before, or null
 * @param action            {@code deploy} or {@code rollback}
 * @param registered        whether the version was registered from a package by this deployment
 * @param blessed           whether the version is blessed
 * @param forced            whether an unblessed version went out
 * @param move              the alias move, or null when the alias did not move
 * @param outcomes          each target's outcome, in the order they ran
 * @param succeeded         whether every target took it and the alias moved
 * @param refused           why the engine refused it; left out when it was not refused
 * @param mitigatedIncident the model's incident this deployment mitigated, or null
 * @param notMitigated      why an open incident stays open after this deployment; left out otherwise
 * @param incidentEvents    what this deployment or rollback did to the model's incident (mitigated, not mitigated,
 *                          rolled back); left out when nothing
 */
public record DeploymentResult(int schemaVersion, @JsonProperty(required = true) String model, Integer version,
        @JsonProperty(required = true) String alias, Integer previous, String action, boolean registered,
        boolean blessed, boolean forced, Move move, List<TargetOutcome> outcomes,
        @JsonProperty(required = true) boolean succeeded, @JsonInclude(JsonInclude.Include.NON_NULL) String refused,
        String mitigatedIncident, @JsonInclude(JsonInclude.Include.NON_NULL) String notMitigated,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IncidentEvent> incidentEvents) {

    /** The version of this shape that this build writes. */
    public static final int SCHEMA_VERSION = 1;

    /** A deployment result: no kind; the version field is absent from files written before it existed. */
    public static final DocumentType<DeploymentResult> TYPE = new DocumentType<>(DeploymentResult.class, null,
            "deployment result", "schemaVersion", SCHEMA_VERSION);

    public DeploymentResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        incidentEvents = incidentEvents == null ? List.of() : List.copyOf(incidentEvents);
    }

    /**
     * One target's outcome.
     *
     * @param target   e.g. {@code registry}, {@code directory=/srv/models}
     * @param status   DONE, UNCHANGED, FAILED, SKIPPED or UNDONE
     * @param detail   what happened, or null
     * @param attempts how many attempts it took (0 when it did not run)
     * @param elapsed  how long it took, ISO-8601 ({@code PT0.031S}), or null
     */
    public record TargetOutcome(String target, String status, String detail, int attempts, String elapsed) {
        /** Whether the target has the version: published now or before. */
        public boolean ok() {
            return "DONE".equals(status) || "UNCHANGED".equals(status);
        }
    }

    /**
     * The alias move, as the registry's history records it.
     *
     * @param from    the version before, or null for a new alias
     * @param to      the version after, or null when the alias was removed
     * @param at      when, ISO-8601
     * @param actor   who
     * @param message why (may be empty)
     * @param action  {@code promote}, {@code rollback} or {@code remove}
     * @param forced  whether an unblessed version was promoted by force
     */
    public record Move(String model, String alias, Integer from, Integer to, String at, Actor actor, String message,
            String action, boolean forced) {
    }

    /**
     * Who moved the alias.
     *
     * @param user     the user name
     * @param buildUrl the build that did it, or null outside a build
     */
    public record Actor(String user, String buildUrl) {
    }
}
