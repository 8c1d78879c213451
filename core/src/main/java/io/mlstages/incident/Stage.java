package io.mlstages.incident;

/** Where an incident stands: open, then retraining, mitigated (a new version deployed), resolved (a clean check). */
public enum Stage {
    /** Drift was found and nothing has been done yet, or drift persisted after a mitigation. */
    OPEN,
    /** A retrain was requested. */
    RETRAINING,
    /** A new version was deployed; the next clean check resolves the incident. */
    MITIGATED,
    /** Closed: a clean check after the mitigation, or resolved by hand. */
    RESOLVED
}
