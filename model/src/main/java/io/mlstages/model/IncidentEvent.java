package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * What a run did to an incident, as a structured field of the result it wrote (a check's report, a validation report,
 * a deployment's result) and of each step of the incident's own lifecycle: the incident and the kind of event. The
 * build page's timeline ({@code steps}' {@code IncidentTimeline}) labels and links builds by these fields, not by the
 * wording of notes. The kind is text, not an enum, so that a reader meets a kind a newer writer added without failing.
 *
 * @param incident the incident's id, e.g. {@code chicago-ridership-0001}
 * @param event    one of the kinds below, e.g. {@value #DETECTED}
 */
public record IncidentEvent(@JsonProperty(required = true) String incident,
        @JsonProperty(required = true) String event) {
    /** A drift check (or a performance bound) found drift and opened the incident. */
    public static final String DETECTED = "detected";
    /** A later check found drift again on the open incident (its finding joined it; no new stage). */
    public static final String FOUND_AGAIN = "found-again";
    /** Drift persisted after a mitigation: the incident is open again. */
    public static final String REOPENED = "reopened";
    /** A retrain was requested for the incident (the cool-down starts). */
    public static final String RETRAIN_REQUESTED = "retrain-requested";
    /** A retrained candidate passed the incident's gates ({@code validate --incident}): a verified mitigation. */
    public static final String VERIFIED = "verified";
    /** A retrained candidate failed the incident's gates: refused, one failed verification counted. */
    public static final String RETRAIN_REFUSED = "retrain-refused";
    /** A failed verification spent the retrain budget: automatic retraining stops until a person acts. */
    public static final String HALTED = "halted";
    /** A person re-armed the incident's retrain budget. */
    public static final String REARMED = "rearmed";
    /** A deployment of a verified candidate mitigated the incident. */
    public static final String MITIGATED = "mitigated";
    /** A deployment left the incident open (not verified, or the version that drifted). */
    public static final String NOT_MITIGATED = "not-mitigated";
    /** A rollback moved the alias back (the incident records it, or opened for it). */
    public static final String ROLLED_BACK = "rolled-back";
    /** A clean check after the mitigation resolved the incident. */
    public static final String RESOLVED = "resolved";
    /** A person resolved the incident. */
    public static final String RESOLVED_BY_HAND = "resolved-by-hand";

    /** Every kind this build writes, in the order of the loop. */
    public static final List<String> KINDS = List.of(DETECTED, FOUND_AGAIN, REOPENED, RETRAIN_REQUESTED, VERIFIED,
            RETRAIN_REFUSED, HALTED, REARMED, MITIGATED, NOT_MITIGATED, ROLLED_BACK, RESOLVED, RESOLVED_BY_HAND);

    public IncidentEvent {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(event, "event of incident " + incident);
    }
}
