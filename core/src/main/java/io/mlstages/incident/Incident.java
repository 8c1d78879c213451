package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A drift incident of one model.
 *
 * @param id                 {@code <model>-<number>}, numbered from 1 per model (e.g. {@code cancer-0003})
 * @param model              the model
 * @param modelVersion       the version the alias pointed to when the incident opened
 * @param stage              where it stands
 * @param severity           the highest severity of its findings
 * @param findings           its findings, oldest first (at least one)
 * @param steps              its lifecycle, oldest first (the first is {@link Stage#OPEN})
 * @param lastRetrainRequest when a retrain was last requested, or null
 * @param mitigatedBy        the version deployed to mitigate it, or null
 */
public record Incident(String id, String model, int modelVersion, Stage stage, Severity severity,
        List<Finding> findings, List<Step> steps, @CheckForNull Instant lastRetrainRequest,
        @CheckForNull Integer mitigatedBy) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}-[0-9]{4,9}");

    public Incident {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IncidentException("Invalid incident id '" + id + "': expected <model>-<number>, such as"
                    + " cancer-0003");
        }
        Objects.requireNonNull(model, "model of incident " + id);
        if (modelVersion < 1) {
            throw new IncidentException("Incident " + id + ": model version " + modelVersion + " is not >= 1");
        }
        Objects.requireNonNull(stage, "stage of incident " + id);
        Objects.requireNonNull(severity, "severity of incident " + id);
        findings = List.copyOf(findings);
        steps = List.copyOf(steps);
        if (findings.isEmpty()) {
            throw new IncidentException("Incident " + id + " has no finding");
        }
    }

    /** Whether it is still open (any stage but {@link Stage#RESOLVED}). */
    public boolean isOpen() {
        return stage != Stage.RESOLVED;
    }

    /** The latest finding. */
    public Finding lastFinding() {
        return findings.get(findings.size() - 1);
    }

    /** When it opened. */
    public Instant openedAt() {
        return steps.isEmpty() ? findings.get(0).at() : steps.get(0).at();
    }

    Incident withFinding(final Finding finding) {
        List<Finding> more = new ArrayList<>(findings);
        more.add(finding);
        return new Incident(id, model, modelVersion, stage, Severity.max(severity, finding.severity()), more, steps,
                lastRetrainRequest, mitigatedBy);
    }

    Incident withStep(final Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new Incident(id, model, modelVersion, step.stage(), severity, findings, more, lastRetrainRequest,
                mitigatedBy);
    }

    Incident withRetrainRequest(final Instant at) {
        return new Incident(id, model, modelVersion, stage, severity, findings, steps, at, mitigatedBy);
    }

    /**
     * This incident without the {@link Stage#RETRAINING} step of time {@code at}: the stage becomes that of the last
     * step left, the last request that of the latest {@link Stage#RETRAINING} step left (each request records one).
     *
     * @return the incident, or null when it has no such step
     */
    @CheckForNull
    Incident withoutRetrainRequest(final Instant at) {
        List<Step> left = new ArrayList<>(steps);
        for (int i = left.size() - 1; i >= 0; i--) {
            Step step = left.get(i);
            if (step.stage() == Stage.RETRAINING && step.at().equals(at)) {
                left.remove(i);
                Instant previous = left.stream().filter(s -> s.stage() == Stage.RETRAINING).map(Step::at)
                        .reduce((a, b) -> b).orElse(null);
                Stage back = left.isEmpty() ? Stage.OPEN : left.get(left.size() - 1).stage();
                return new Incident(id, model, modelVersion, back, severity, findings, left,
                        at.equals(lastRetrainRequest) ? previous : lastRetrainRequest, mitigatedBy);
            }
        }
        return null;
    }

    Incident withMitigatedBy(final Integer version) {
        return new Incident(id, model, modelVersion, stage, severity, findings, steps, lastRetrainRequest, version);
    }
}
