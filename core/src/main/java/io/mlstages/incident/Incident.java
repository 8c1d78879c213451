package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.IncidentEvent;
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
 * @param liveSince          when the version that drifted went live (the alias moved to it), or null when unknown
 * @param failedVerifications retrained candidates whose incident gates failed
 * @param retrainHalted      whether the retrain budget is spent: no automatic retrain until a person resolves or
 *                           re-arms it
 * @param currentProfile     the file name, in the model's incident folder, of the profile of the data that drifted
 *                           (the latest finding's), or null
 * @param mitigation         the gates and figures of the verified blessing that mitigated it (empty until then)
 */
public record Incident(String id, String model, int modelVersion, Stage stage, Severity severity,
        List<Finding> findings, List<Step> steps, @CheckForNull Instant lastRetrainRequest,
        @CheckForNull Integer mitigatedBy, @CheckForNull Instant liveSince, int failedVerifications,
        boolean retrainHalted, @CheckForNull String currentProfile, List<String> mitigation) {
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
        if (failedVerifications < 0) {
            throw new IncidentException("Incident " + id + ": failed verifications " + failedVerifications
                    + " is negative");
        }
        mitigation = List.copyOf(mitigation == null ? List.of() : mitigation);
    }

    /** An incident as the first format knew it: none of the later fields. */
    public Incident(final String id, final String model, final int modelVersion, final Stage stage,
            final Severity severity, final List<Finding> findings, final List<Step> steps,
            @CheckForNull final Instant lastRetrainRequest, @CheckForNull final Integer mitigatedBy) {
        this(id, model, modelVersion, stage, severity, findings, steps, lastRetrainRequest, mitigatedBy, null, 0, false,
                null, List.of());
    }

    /** From when the version that drifted went live to the first finding, or null when unknown. */
    @CheckForNull
    public java.time.Duration timeToDetect() {
        Instant found = findings.get(0).at();
        return liveSince == null || found.isBefore(liveSince) ? null : java.time.Duration.between(liveSince, found);
    }

    /** From the first finding to the first verified mitigation, or null when not (yet) mitigated that way. */
    @CheckForNull
    public java.time.Duration timeToMitigate() {
        if (mitigation.isEmpty()) {
            return null;
        }
        Instant found = findings.get(0).at();
        return steps.stream().filter(s -> s.stage() == Stage.MITIGATED).map(Step::at).findFirst()
                .map(at -> java.time.Duration.between(found, at)).orElse(null);
    }

    /** When the drift was first found: the first finding's check. */
    public Instant detectedAt() {
        return findings.get(0).at();
    }

    /** When it was first marked mitigated, or null when it has not been. */
    @CheckForNull
    public Instant mitigatedAt() {
        return steps.stream().filter(s -> s.stage() == Stage.MITIGATED).map(Step::at).findFirst().orElse(null);
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

    /** The events of the steps taken at {@code at} (one run's, which share its instant), in order. */
    public List<IncidentEvent> eventsAt(final Instant at) {
        return steps.stream().filter(s -> s.event() != null && s.at().equals(at))
                .map(s -> new IncidentEvent(id, Objects.requireNonNull(s.event()))).toList();
    }

    /** The event of the last step, or null when it has none (read from a file written before steps had one). */
    @CheckForNull
    public IncidentEvent lastEvent() {
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        return last == null || last.event() == null ? null : new IncidentEvent(id, last.event());
    }

    Incident withFinding(final Finding finding) {
        List<Finding> more = new ArrayList<>(findings);
        more.add(finding);
        return new Incident(id, model, modelVersion, stage, Severity.max(severity, finding.severity()), more, steps,
                lastRetrainRequest, mitigatedBy, liveSince, failedVerifications, retrainHalted, currentProfile,
                mitigation);
    }

    Incident withStep(final Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new Incident(id, model, modelVersion, step.stage(), severity, findings, more, lastRetrainRequest,
                mitigatedBy, liveSince, failedVerifications, retrainHalted, currentProfile, mitigation);
    }

    Incident withRetrainRequest(final Instant at) {
        return new Incident(id, model, modelVersion, stage, severity, findings, steps, at, mitigatedBy, liveSince,
                failedVerifications, retrainHalted, currentProfile, mitigation);
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
                        at.equals(lastRetrainRequest) ? previous : lastRetrainRequest, mitigatedBy, liveSince,
                        failedVerifications, retrainHalted, currentProfile, mitigation);
            }
        }
        return null;
    }

    Incident withMitigatedBy(final Integer version) {
        return new Incident(id, model, modelVersion, stage, severity, findings, steps, lastRetrainRequest, version,
                liveSince, failedVerifications, retrainHalted, currentProfile, mitigation);
    }

    Incident withMitigation(final List<String> evidence) {
        return new Incident(id, model, modelVersion, stage, severity, findings, steps, lastRetrainRequest, mitigatedBy,
                liveSince, failedVerifications, retrainHalted, currentProfile, evidence);
    }

    Incident withLiveSince(@CheckForNull final Instant at) {
        return new Incident(id, model, modelVersion, stage, severity, findings, steps, lastRetrainRequest, mitigatedBy,
                at, failedVerifications, retrainHalted, currentProfile, mitigation);
    }

    Incident withCurrentProfile(@CheckForNull final String file) {
        return new Incident(id, model, modelVersion, stage, severity, findings, steps, lastRetrainRequest, mitigatedBy,
                liveSince, failedVerifications, retrainHalted, file, mitigation);
    }

    /** One more failed verification; {@code halted} stops automatic retraining, {@code raised} is the severity. */
    Incident withFailedVerification(final Severity raised, final boolean halted) {
        return new Incident(id, model, modelVersion, stage, raised, findings, steps, lastRetrainRequest, mitigatedBy,
                liveSince, failedVerifications + 1, halted, currentProfile, mitigation);
    }

    /** The retrain budget given back: no failed verifications counted, retraining allowed again. */
    Incident rearmed() {
        return new Incident(id, model, modelVersion, stage, severity, findings, steps, lastRetrainRequest, mitigatedBy,
                liveSince, 0, false, currentProfile, mitigation);
    }

    /** The columns any of its findings listed as drifted, in the order first listed. */
    public List<String> driftedColumns() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        findings.forEach(f -> all.addAll(f.driftedColumns()));
        return List.copyOf(all);
    }
}
