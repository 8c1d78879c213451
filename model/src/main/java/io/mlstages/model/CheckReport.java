package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What {@code mlstages check} writes: the drift report's fields as {@code drift --json} writes them, and after them
 * what the check decided. A plain drift report reads as one with an empty outcome.
 *
 * @param report   the drift report
 * @param check    the check's decisions ({@link Outcome#NONE} for a plain drift report)
 * @param estimate the performance estimated without labels, or null when none was asked for
 * @param incidentEvents what the check did to the model's incident (detected, found again, reopened, retrain
 *                 requested, resolved), in order; left out when nothing
 */
public record CheckReport(@JsonUnwrapped DriftReportDocument report, @JsonUnwrapped Outcome check,
        @JsonInclude(JsonInclude.Include.NON_NULL) EstimatedPerformance estimate,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IncidentEvent> incidentEvents) {

    public CheckReport {
        incidentEvents = incidentEvents == null ? List.of() : List.copyOf(incidentEvents);
    }

    /** A report without an estimate. */
    public CheckReport(final DriftReportDocument report, final Outcome check) {
        this(report, check, null, List.of());
    }

    /** A report without incident events (written before they existed). */
    public CheckReport(final DriftReportDocument report, final Outcome check, final EstimatedPerformance estimate) {
        this(report, check, estimate, List.of());
    }

    /**
     * Reads a check's report, or a plain drift report (with {@link Outcome#NONE}'s fields empty).
     *
     * @throws ReportFormatException naming the origin when it is not a drift report this build reads
     */
    public static CheckReport read(final String text, final String origin) {
        return read(text == null ? null : ReportJson.tree(text, origin), origin);
    }

    /**
     * As {@link #read(String, String)}, from its tree.
     *
     * @throws ReportFormatException naming the origin when it is not a drift report this build reads
     */
    public static CheckReport read(final JsonNode root, final String origin) {
        DriftReportDocument report = ReportJson.read(root, DriftReportDocument.TYPE, origin);
        // the two parts bind from the same object, each ignoring the other's fields
        JsonNode estimate = root == null ? null : root.get("estimate");
        JsonNode events = root == null ? null : root.get("incidentEvents");
        return new CheckReport(report, ReportJson.bind(root, Outcome.class, origin, "check report"),
                estimate == null || estimate.isNull() ? null
                        : ReportJson.bind(estimate, EstimatedPerformance.class, origin, "performance estimate"),
                events == null || events.isNull() ? List.of() : events(events, origin));
    }

    private static List<IncidentEvent> events(final JsonNode events, final String origin) {
        IncidentEvent[] bound = ReportJson.bind(events, IncidentEvent[].class, origin, "incident events");
        for (IncidentEvent event : bound) {
            if (event == null) {
                throw new ReportFormatException(origin + ": malformed incident events: an entry is null");
            }
        }
        return List.of(bound);
    }

    /**
     * The check's decisions.
     *
     * @param model    the registered model checked
     * @param version  its version the alias pointed to, or null
     * @param alias    the alias
     * @param incident the model's incident after the check, or null when it has none
     * @param retrain  whether a retrain is due
     */
    public record Outcome(String model, Integer version, String alias, Incident incident, Retrain retrain) {
        /** A plain drift report's: no model, no incident, no retrain decision. */
        public static final Outcome NONE = new Outcome(null, null, null, null, null);
    }

    /**
     * The incident as the check left it.
     *
     * @param id        e.g. {@code chicago-ridership-0001}
     * @param stage     its lifecycle stage, e.g. {@code RETRAINING}
     * @param severity  e.g. {@code HIGH}
     * @param opened    whether this check opened it
     * @param escalated whether this check raised its severity
     * @param resolved  whether this check resolved it
     */
    public record Incident(String id, String stage, String severity, boolean opened, boolean escalated,
            boolean resolved) {
    }

    /**
     * The retrain decision.
     *
     * @param due         whether a retrain is due
     * @param reason      why, or why not
     * @param requestedAt when the check recorded the request for the plugin, or null
     */
    public record Retrain(boolean due, String reason, @JsonInclude(JsonInclude.Include.NON_NULL) String requestedAt) {
    }
}
