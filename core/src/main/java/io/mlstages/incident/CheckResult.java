package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.drift.DriftReport;
import io.mlstages.estimate.PerformanceEstimate;
import io.mlstages.model.IncidentEvent;
import io.mlstages.profile.Profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Monitor#check} found and did.
 *
 * @param report           the drift report
 * @param incident         the incident the check opened, updated or resolved, or empty when there was none
 * @param opened           whether this check opened it
 * @param retrainRequested whether a retrain is due (a finding outside the cool-down, or severity rose)
 * @param retrainReason    why a retrain is or is not due, in a sentence (e.g. the cool-down and when it ends)
 * @param escalated        whether this finding raised the incident's severity
 * @param reference        the training profile compared against (for reports with histograms), or null
 * @param current          the current data's profile, or null
 * @param estimate         the performance estimated without labels, or null when none was asked for
 */
public record CheckResult(DriftReport report, Optional<Incident> incident, boolean opened, boolean retrainRequested,
        String retrainReason, boolean escalated, Profile reference, Profile current,
        @CheckForNull PerformanceEstimate estimate) {
    public CheckResult {
        Objects.requireNonNull(report, "report");
        incident = incident == null ? Optional.empty() : incident;
        retrainReason = retrainReason == null ? "" : retrainReason;
    }

    /** A result without an estimate. */
    public CheckResult(final DriftReport report, final Optional<Incident> incident, final boolean opened,
            final boolean retrainRequested, final String retrainReason, final boolean escalated,
            final Profile reference, final Profile current) {
        this(report, incident, opened, retrainRequested, retrainReason, escalated, reference, current, null);
    }

    /** Whether an estimated metric fell below its bound. */
    public boolean estimateBreached() {
        return estimate != null && !estimate.breaches().isEmpty();
    }

    /** Whether the check found something: the drift report's finding, or a breached estimate (exit status 1). */
    public boolean finding() {
        return report.finding() || estimateBreached();
    }

    /**
     * What this check did to the incident, as the structured events its report carries: the events of the steps it
     * recorded (they share the check's instant: the resolving step's, or its finding's), and {@code found-again} for a
     * finding that joined the open incident without a step.
     */
    public List<IncidentEvent> incidentEvents() {
        Incident touched = incident.orElse(null);
        if (touched == null) {
            return List.of();
        }
        if (resolved()) {
            return touched.eventsAt(touched.steps().get(touched.steps().size() - 1).at());
        }
        if (!finding() || touched.findings().isEmpty()) {
            return List.of();
        }
        List<IncidentEvent> events = touched.eventsAt(touched.findings().get(touched.findings().size() - 1).at());
        return events.isEmpty() ? List.of(new IncidentEvent(touched.id(), IncidentEvent.FOUND_AGAIN)) : events;
    }

    /** Whether this check resolved the incident (a clean check after its mitigation). */
    public boolean resolved() {
        return incident.map(i -> i.stage() == Stage.RESOLVED).orElse(false);
    }

    /**
     * The event a notification reports, or empty: {@code opened}, {@code escalated}, {@code resolved}, {@code halted} (drift
     * while the incident's retrain budget is spent), or
     * {@code finding} for a finding that only attached to the open incident.
     */
    public Optional<String> event() {
        if (opened) {
            return Optional.of("opened");
        }
        if (escalated) {
            return Optional.of("escalated");
        }
        if (resolved()) {
            return Optional.of("resolved");
        }
        // each drifted check of an incident whose retrain budget is spent reminds the webhook that a person must act
        if (report.datasetDrift() && incident.map(Incident::retrainHalted).orElse(false)) {
            return Optional.of("halted");
        }
        return incident.isPresent() && (report.datasetDrift() || estimateBreached()) ? Optional.of("finding")
                : Optional.empty();
    }

    /** This result after a retrain request: the incident as it now stands, and whether the request went out. */
    public CheckResult withIncident(final Incident value, final boolean requested, final String reason) {
        return new CheckResult(report, Optional.of(value), opened, requested, reason, escalated, reference, current,
                estimate);
    }

    CheckResult withProfiles(final Profile referenceProfile, final Profile currentProfile) {
        return new CheckResult(report, incident, opened, retrainRequested, retrainReason, escalated,
                referenceProfile, currentProfile, estimate);
    }

    CheckResult withEstimate(@CheckForNull final PerformanceEstimate value) {
        return new CheckResult(report, incident, opened, retrainRequested, retrainReason, escalated, reference,
                current, value);
    }
}
