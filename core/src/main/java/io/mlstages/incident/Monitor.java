package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.estimate.EstimateRequest;
import io.mlstages.estimate.Estimation;
import io.mlstages.estimate.MetricEstimate;
import io.mlstages.estimate.PerformanceEstimate;
import io.mlstages.model.IncidentEvent;
import io.mlstages.profile.Profile;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.ModelPackage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Drift checks against registered models and the incident lifecycle they drive: a finding opens an incident or
 * attaches to the open one, a retrain request marks it retraining, a deployment marks it mitigated, and the next
 * clean check resolves it.
 */
public final class Monitor {
    /** The clock of every timestamp; tests move it to cross a cool-down without waiting. */
    private static volatile Clock clock = Clock.systemUTC();

    private Monitor() {
    }

    /**
     * Drift check of current data against the stored training profile of the version {@code alias} points to: a
     * finding (dataset drift) opens an incident or attaches to the open one; a clean check resolves a
     * {@link Stage#MITIGATED} incident; decides whether a retrain is requested (not within the cool-down unless
     * severity rose). Sends no request: see {@link #check(Registry, String, String, Path, CheckOptions, Actor,
     * RetrainRequest)}.
     *
     * @throws IncidentException when the alias points to no version
     * @throws io.mlstages.data.DataException naming the file, line and column when the current data is malformed
     */
    public static CheckResult check(final Registry registry, final String model, final String alias,
            final Path currentData, final CheckOptions options, final Actor actor) {
        return check(registry, model, alias, currentData, options, actor, null);
    }

    /**
     * As {@link #check(Registry, String, String, Path, CheckOptions, Actor)}, then, when a retrain is due and
     * {@code request} is not null, sends it and marks the incident {@link Stage#RETRAINING}. A request that throws
     * leaves the incident as it was; the result's reason says why.
     */
    public static CheckResult check(final Registry registry, final String model, final String alias,
            final Path currentData, final CheckOptions options, final Actor actor,
            @CheckForNull final RetrainRequest request) {
        Objects.requireNonNull(currentData, "currentData");
        return check(registry, model, alias, List.of(currentData), options, actor, request);
    }

    /**
     * As {@link #check(Registry, String, String, Path, CheckOptions, Actor, RetrainRequest)} for current data in
     * several files (a day's batches, say), checked as one sample: each file is profiled and the profiles merged.
     *
     * @throws io.mlstages.profile.ProfileException naming the file and column when the files' schemas differ
     */
    public static CheckResult check(final Registry registry, final String model, final String alias,
            final List<Path> currentData, final CheckOptions options, final Actor actor,
            @CheckForNull final RetrainRequest request) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(currentData, "currentData");
        if (currentData.isEmpty()) {
            throw new IllegalArgumentException("Give at least one current data file");
        }
        CheckOptions settings = options == null ? CheckOptions.defaults() : options;
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        int version = registry.alias(model, alias).orElseThrow(() -> new IncidentException("The alias '" + alias
                + "' of model " + model + " points to no version in " + registry.location()
                + ": deploy one first (mlstages deploy)"));
        ModelPackage pkg = registry.load(model, version);
        EstimateRequest estimating = settings.estimate();
        if (estimating != null) {
            // before any data is read: a regression model or a bound it cannot estimate is a usage error
            Estimation.requireClassifier(pkg, estimating.options());
        }
        Profile reference = pkg.profile();
        DriftOptions drift = settings.drift();
        if (drift.target() == null && pkg.metadata().target() != null
                && reference.column(pkg.metadata().target()).isPresent()) {
            drift = drift.withTarget(pkg.metadata().target());
        }
        DriftCheck.Result checked = DriftCheck.against(reference, "the training profile's", currentData, drift,
                settings.read());
        Profile current = checked.current();
        DriftReport report = checked.report();
        PerformanceEstimate estimate = estimating == null ? null : Estimation.run(pkg, estimating.reference(),
                currentData, settings.read(), estimating.options());
        // with a request to send, the decision records it at once, under the incident lock: an overlapping check
        // then sees the request and its cool-down, and does not send a second one
        CheckResult result = record(IncidentStore.of(registry), model, version, report, settings, who,
                request != null, estimate, current, liveSince(registry, model, alias, version))
                .withProfiles(reference, current).withEstimate(estimate);
        if (request != null && result.retrainRequested() && result.incident().isPresent()) {
            Incident incident = result.incident().get();
            try {
                request.send(incident, result);
            }
            catch (RuntimeException e) {
                String failed = "the retrain request failed: " + e.getMessage();
                try {
                    Incident restored = withdrawRetrain(IncidentStore.of(registry), incident.id(),
                            Objects.requireNonNull(incident.lastRetrainRequest(), "the request just made"));
                    return result.withIncident(restored, false, failed);
                }
                catch (IncidentException gone) {
                    // resolved by hand meanwhile: there is no request left to withdraw
                    return result.withIncident(incident, false, failed + " (" + gone.getMessage() + ")");
                }
            }
        }
        return result;
    }

    /**
     * Records a drift report of {@code model} version {@code version} in the store: the lifecycle part of
     * {@link #check}, for callers that computed the report themselves.
     */
    public static CheckResult record(final IncidentStore store, final String model, final int version,
            final DriftReport report, final CheckOptions options, final Actor actor) {
        return record(store, model, version, report, options, actor, false);
    }

    /**
     * As {@link #record(IncidentStore, String, int, DriftReport, CheckOptions, Actor)}; with {@code claim}, a retrain
     * that is due is recorded as requested in the same locked decision (a {@link Stage#RETRAINING} step, the
     * cool-down starts), for a caller that sends it next and calls {@link #withdrawRetrain} should sending fail.
     * The result's incident then carries the request's time in {@link Incident#lastRetrainRequest()}.
     */
    public static CheckResult record(final IncidentStore store, final String model, final int version,
            final DriftReport report, final CheckOptions options, final Actor actor, final boolean claim) {
        return record(store, model, version, report, options, actor, claim, null);
    }

    /**
     * As {@link #record(IncidentStore, String, int, DriftReport, CheckOptions, Actor, boolean)} with a performance
     * estimate: an estimated metric below its bound is a finding as dataset drift is (it opens or joins the incident,
     * and keeps a mitigated one from resolving).
     */
    public static CheckResult record(final IncidentStore store, final String model, final int version,
            final DriftReport report, final CheckOptions options, final Actor actor, final boolean claim,
            @CheckForNull final PerformanceEstimate estimate) {
        return record(store, model, version, report, options, actor, claim, estimate, null, null);
    }

    /**
     * As {@link #record(IncidentStore, String, int, DriftReport, CheckOptions, Actor, boolean, PerformanceEstimate)},
     * keeping the profile of the data that drifted beside the incident (what {@code validate --incident} checks a
     * retrained candidate's coverage against) and when the drifted version went live (for the time to detect).
     */
    static CheckResult record(final IncidentStore store, final String model, final int version,
            final DriftReport report, final CheckOptions options, final Actor actor, final boolean claim,
            @CheckForNull final PerformanceEstimate estimate, @CheckForNull final Profile current,
            @CheckForNull final Instant liveSince) {
        Instant now = now();
        boolean breached = estimate != null && !estimate.breaches().isEmpty();
        return store.update(model, open -> {
            if (!report.datasetDrift() && !breached) {
                if (open != null && open.stage() == Stage.MITIGATED) {
                    Incident resolved = open.withStep(new Step(Stage.RESOLVED, now, actor.buildUrl(), actor.user(),
                            "clean check of version " + version + " after the mitigation", IncidentEvent.RESOLVED));
                    store.save(resolved);
                    return new CheckResult(report, Optional.of(resolved), false, false, "no drift", false, null, null);
                }
                return new CheckResult(report, Optional.ofNullable(open), false, false, open == null ? "no drift"
                        : "no drift, but incident " + open.id() + " is " + open.stage().name().toLowerCase()
                        + ": it resolves after a clean check of a newly deployed version", false, null, null);
            }
            Finding finding = finding(report, now, options.reportFile(), actor, estimate);
            if (open == null) {
                Incident opened = new Incident(store.nextId(model), model, version, Stage.OPEN, finding.severity(),
                        List.of(finding), List.of(new Step(Stage.OPEN, now, actor.buildUrl(), actor.user(),
                        describe(finding), IncidentEvent.DETECTED)), null, null).withLiveSince(liveSince);
                opened = keepProfile(store, opened, current);
                String reason = "incident " + opened.id() + " opened";
                if (claim) {
                    opened = requested(opened, now, actor, reason);
                }
                store.save(opened);
                return new CheckResult(report, Optional.of(opened), true, true, reason, false, null, null);
            }
            boolean escalated = finding.severity().above(open.severity());
            Incident updated = keepProfile(store, open.withFinding(finding), current);
            if (open.stage() == Stage.MITIGATED) {
                updated = updated.withStep(new Step(Stage.OPEN, now, actor.buildUrl(), actor.user(),
                        "drift persists after the mitigation by version " + open.mitigatedBy() + ": "
                                + describe(finding), IncidentEvent.REOPENED));
            }
            boolean requested;
            String reason;
            Instant last = open.lastRetrainRequest();
            if (open.retrainHalted()) {
                requested = false;
                reason = halted(open);
            }
            else if (last == null) {
                requested = true;
                reason = "no retrain requested yet for incident " + open.id();
            }
            else if (escalated) {
                requested = true;
                reason = "severity rose from " + open.severity() + " to " + finding.severity();
            }
            else if (!now.isBefore(last.plus(options.coolDown()))) {
                requested = true;
                reason = "the cool-down of " + human(options.coolDown()) + " since the last request (" + last
                        + ") has passed";
            }
            else {
                requested = false;
                reason = "cool-down: a retrain was requested at " + last + "; the next is allowed from "
                        + last.plus(options.coolDown()) + " unless severity rises above " + open.severity();
            }
            if (requested && claim) {
                updated = requested(updated, now, actor, reason);
            }
            store.save(updated);
            return new CheckResult(report, Optional.of(updated), false, requested, reason, escalated, null, null);
        });
    }

    /**
     * Marks the open incident {@link Stage#RETRAINING} (called when a retrain request was sent) and starts the
     * cool-down.
     *
     * @throws IncidentException when there is no such incident or it is resolved
     */
    public static Incident retraining(final Path registryRoot, final String incidentId, final Actor actor,
            @CheckForNull final String note) {
        return retraining(IncidentStore.open(registryRoot), incidentId, actor, note);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Incident retraining(final IncidentStore store, final String incidentId, final Actor actor,
            @CheckForNull final String note) {
        Incident incident = store.get(incidentId);
        Instant now = now();
        return store.update(incident.model(), open -> {
            if (open == null || !open.id().equals(incidentId)) {
                throw new IncidentException("Incident " + incidentId + " is not open: no retrain to mark");
            }
            if (open.retrainHalted()) {
                throw new IncidentException("Refused: " + halted(open));
            }
            Incident marked = open.withStep(new Step(Stage.RETRAINING, now, actor.buildUrl(), actor.user(),
                    "retrain requested" + (note == null || note.isBlank() ? "" : ": " + note),
                    IncidentEvent.RETRAIN_REQUESTED)).withRetrainRequest(now);
            store.save(marked);
            return marked;
        });
    }

    /**
     * Withdraws a retrain request recorded by a check (its sending failed): removes the {@link Stage#RETRAINING}
     * step of time {@code requestedAt} and sets the last request back to the one before, so that the incident is as
     * if the request had never been made and the next check asks again. Steps recorded since stay.
     *
     * @return the incident as it now stands
     * @throws IncidentException when there is no such incident, or no request of that time to withdraw
     */
    public static Incident withdrawRetrain(final Path registryRoot, final String incidentId,
            final Instant requestedAt) {
        return withdrawRetrain(IncidentStore.open(registryRoot), incidentId, requestedAt);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Incident withdrawRetrain(final IncidentStore store, final String incidentId,
            final Instant requestedAt) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        Incident incident = store.get(incidentId);
        return store.update(incident.model(), open -> {
            if (open == null || !open.id().equals(incidentId)) {
                throw new IncidentException("Incident " + incidentId + " is not open: no retrain request to"
                        + " withdraw");
            }
            Incident withdrawn = open.withoutRetrainRequest(requestedAt);
            if (withdrawn == null) {
                throw new IncidentException("Incident " + incidentId + " has no retrain request made at "
                        + requestedAt + " to withdraw");
            }
            store.save(withdrawn);
            return withdrawn;
        });
    }

    /**
     * Marks the open incident of {@code model} {@link Stage#MITIGATED} by a deployed version (called by a deployment
     * of that model while an incident is open). A redeployment of the version that drifted mitigates nothing.
     *
     * @return the updated incident, or empty when none is open or {@code version} is the one that drifted
     */
    public static Optional<Incident> mitigated(final Path registryRoot, final String model, final int version,
            final Actor actor) {
        return mitigated(IncidentStore.open(registryRoot), model, version, actor);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Optional<Incident> mitigated(final IncidentStore store, final String model, final int version,
            final Actor actor) {
        if (store.open(model).isEmpty()) {
            return Optional.empty();
        }
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        Instant now = now();
        return store.update(model, open -> {
            if (open == null || version == open.modelVersion()) {
                return Optional.<Incident>empty();
            }
            Incident marked = open.withMitigatedBy(version).withStep(new Step(Stage.MITIGATED, now, who.buildUrl(),
                    who.user(), "version " + version + " deployed; the next clean check resolves the incident",
                    IncidentEvent.MITIGATED));
            store.save(marked);
            return Optional.of(marked);
        });
    }

    /**
     * As {@link #mitigated(Path, String, int, Actor)} for a deployment whose blessing verified the mitigation
     * ({@code validate --incident}): the incident keeps the verification's gates and figures.
     */
    public static Optional<Incident> mitigated(final Path registryRoot, final String model, final int version,
            final Actor actor, final List<String> evidence) {
        return mitigated(IncidentStore.open(registryRoot), model, version, actor, evidence);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Optional<Incident> mitigated(final IncidentStore store, final String model, final int version,
            final Actor actor, final List<String> evidence) {
        if (store.open(model).isEmpty()) {
            return Optional.empty();
        }
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        Instant now = now();
        return store.update(model, open -> {
            if (open == null || version == open.modelVersion()) {
                return Optional.<Incident>empty();
            }
            Incident marked = open.withMitigatedBy(version).withMitigation(evidence).withStep(new Step(
                    Stage.MITIGATED, now, who.buildUrl(), who.user(), "version " + version + " deployed with a verified"
                    + " blessing (" + evidence.size() + " incident gates passed); the next clean check resolves the"
                    + " incident", IncidentEvent.MITIGATED));
            store.save(marked);
            return Optional.of(marked);
        });
    }

    /**
     * Records on the open incident of {@code model} that a deployment did not mitigate it, and why (the stage stays).
     *
     * @return the incident, or empty when none is open
     */
    public static Optional<Incident> notMitigated(final Path registryRoot, final String model, final Actor actor,
            final String why) {
        return notMitigated(IncidentStore.open(registryRoot), model, actor, why);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Optional<Incident> notMitigated(final IncidentStore store, final String model, final Actor actor,
            final String why) {
        if (store.open(model).isEmpty()) {
            return Optional.empty();
        }
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        Instant now = now();
        return store.update(model, open -> {
            if (open == null) {
                return Optional.<Incident>empty();
            }
            Incident noted = open.withStep(new Step(open.stage(), now, who.buildUrl(), who.user(), why,
                    IncidentEvent.NOT_MITIGATED));
            store.save(noted);
            return Optional.of(noted);
        });
    }

    /**
     * Counts a failed verification of a retrained candidate against the incident ({@code validate --incident} whose
     * incident gates failed). The {@code budget}-th one spends the retrain budget: severity rises one step and the
     * checks stop requesting retrains until a person resolves or re-arms the incident.
     *
     * @param budget the failed verifications allowed, at least 1
     * @throws IncidentException when there is no such incident or it is resolved
     */
    public static Incident verificationFailed(final Path registryRoot, final String incidentId, final int budget,
            final Actor actor, final String why) {
        return verificationFailed(IncidentStore.open(registryRoot), incidentId, budget, actor, why);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Incident verificationFailed(final IncidentStore store, final String incidentId, final int budget,
            final Actor actor, final String why) {
        if (budget < 1) {
            throw new IllegalArgumentException("The retrain budget must be at least 1, not " + budget);
        }
        Incident incident = store.get(incidentId);
        Instant now = now();
        return store.update(incident.model(), open -> {
            if (open == null || !open.id().equals(incidentId)) {
                throw new IncidentException("Incident " + incidentId + " is not open: no verification to count");
            }
            int failed = open.failedVerifications() + 1;
            boolean halt = failed >= budget && !open.retrainHalted();
            Severity raised = halt ? raise(open.severity()) : open.severity();
            Incident counted = open.withFailedVerification(raised, open.retrainHalted() || halt);
            String note = "verification " + failed + " of " + budget + " failed: " + why
                    + (halt ? "; retrain budget spent: severity raised to " + raised + ", automatic retraining"
                    + " stops until a person resolves or re-arms the incident (mlstages incident rearm " + incidentId
                    + ")" : "");
            counted = counted.withStep(new Step(open.stage(), now, actor.buildUrl(), actor.user(), note,
                    halt ? IncidentEvent.HALTED : IncidentEvent.RETRAIN_REFUSED));
            store.save(counted);
            return counted;
        });
    }

    /**
     * Records on the open incident that a retrained candidate passed its gates ({@code validate --incident}): its
     * blessing is a verified mitigation, which a deployment turns into {@link Stage#MITIGATED}. The stage stays.
     *
     * @throws IncidentException when there is no such incident or it is resolved
     */
    public static Incident verified(final Path registryRoot, final String incidentId, final Actor actor,
            final String what) {
        return verified(IncidentStore.open(registryRoot), incidentId, actor, what);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Incident verified(final IncidentStore store, final String incidentId, final Actor actor,
            final String what) {
        Incident incident = store.get(incidentId);
        Instant now = now();
        return store.update(incident.model(), open -> {
            if (open == null || !open.id().equals(incidentId)) {
                throw new IncidentException("Incident " + incidentId + " is not open: no verification to record");
            }
            Incident noted = open.withStep(new Step(open.stage(), now, actor.buildUrl(), actor.user(),
                    "verification passed: " + what, IncidentEvent.VERIFIED));
            store.save(noted);
            return noted;
        });
    }

    /**
     * Re-arms an incident whose retrain budget is spent (or not): the failed verifications are forgotten and the
     * next check may request a retrain again.
     *
     * @throws IncidentException when there is no such incident or it is resolved
     */
    public static Incident rearm(final Path registryRoot, final String incidentId, final Actor actor,
            @CheckForNull final String note) {
        return rearm(IncidentStore.open(registryRoot), incidentId, actor, note);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Incident rearm(final IncidentStore store, final String incidentId, final Actor actor,
            @CheckForNull final String note) {
        Incident incident = store.get(incidentId);
        Instant now = now();
        return store.update(incident.model(), open -> {
            if (open == null || !open.id().equals(incidentId)) {
                throw new IncidentException("Incident " + incidentId + " is not open: nothing to re-arm");
            }
            Incident rearmed = open.rearmed().withStep(new Step(open.stage(), now, actor.buildUrl(), actor.user(),
                    "re-armed after " + open.failedVerifications() + " failed verifications"
                    + (note == null || note.isBlank() ? "" : ": " + note), IncidentEvent.REARMED));
            store.save(rearmed);
            return rearmed;
        });
    }

    /**
     * Records a rollback of {@code model}'s alias on the incident it relates to: the open incident gets a step, and
     * without one an incident opens (its finding is the rollback's reason, not a drift check).
     *
     * @param from the version rolled back from
     * @param to   the version the alias went back to, or null when it was removed
     * @return the incident
     */
    public static Incident rolledBack(final Path registryRoot, final String model, final int from,
            @CheckForNull final Integer to, final Actor actor, final String why) {
        return rolledBack(IncidentStore.open(registryRoot), model, from, to, actor, why);
    }

    /** The same on {@code store}: the incidents of a folder or an S3 registry ({@link IncidentStore#of}). */
    public static Incident rolledBack(final IncidentStore store, final String model, final int from,
            @CheckForNull final Integer to, final Actor actor, final String why) {
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        Instant now = now();
        String note = "rolled back from version " + from + (to == null ? " (the alias was removed)" : " to version "
                + to) + ": " + why;
        return store.update(model, open -> {
            Incident updated;
            if (open == null) {
                Finding finding = new Finding(now, null, false, 0, List.of(), Severity.HIGH, who.buildUrl());
                updated = new Incident(store.nextId(model), model, from, Stage.OPEN, Severity.HIGH, List.of(finding),
                        List.of(new Step(Stage.OPEN, now, who.buildUrl(), who.user(), note,
                                IncidentEvent.ROLLED_BACK)), null, null);
            }
            else {
                // a rollback undoes the mitigation the incident waited on: it is open again
                updated = open.withStep(new Step(open.stage() == Stage.MITIGATED ? Stage.OPEN : open.stage(), now,
                        who.buildUrl(), who.user(), note, IncidentEvent.ROLLED_BACK));
            }
            store.save(updated);
            return updated;
        });
    }

    static Instant now() {
        // milliseconds are plenty for a lifecycle, and keep the timestamps people read short
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** Sets the clock (tests only). */
    static void clock(final Clock value) {
        clock = value == null ? Clock.systemUTC() : value;
    }

    private static Incident requested(final Incident incident, final Instant now, final Actor actor,
            final String reason) {
        return incident.withStep(new Step(Stage.RETRAINING, now, actor.buildUrl(), actor.user(),
                "retrain requested: " + reason, IncidentEvent.RETRAIN_REQUESTED)).withRetrainRequest(now);
    }

    private static Finding finding(final DriftReport report, final Instant at, final String reportFile,
            final Actor actor, @CheckForNull final PerformanceEstimate estimate) {
        List<String> drifted = report.drifted().stream().map(ColumnDrift::name).toList();
        Severity severity = report.datasetDrift() ? Severity.of(report) : Severity.LOW;
        List<String> breaches = List.of();
        if (estimate != null && !estimate.breaches().isEmpty()) {
            // below the bound: medium; so far below that even the band's upper end is: high
            boolean certain = estimate.breaches().stream().anyMatch(MetricEstimate::certainlyBreached);
            severity = Severity.max(severity, certain ? Severity.HIGH : Severity.MEDIUM);
            breaches = estimate.breachLines();
        }
        return new Finding(at, reportFile, report.datasetDrift(), report.driftShare(), drifted, severity,
                actor.buildUrl(), breaches);
    }

    /** Why a check requests no retrain for an incident whose budget is spent. */
    static String halted(final Incident incident) {
        return "retrain budget spent: " + incident.failedVerifications() + " retrained candidates failed their"
                + " verification for incident " + incident.id() + "; automatic retraining stops until a person"
                + " resolves it (mlstages incident resolve " + incident.id() + ") or re-arms it (mlstages incident"
                + " rearm " + incident.id() + ")";
    }

    private static Severity raise(final Severity severity) {
        Severity[] all = Severity.values();
        return all[Math.min(all.length - 1, severity.ordinal() + 1)];
    }

    private static Incident keepProfile(final IncidentStore store, final Incident incident,
            @CheckForNull final Profile current) {
        if (current == null) {
            return incident;
        }
        return incident.withCurrentProfile(store.saveProfile(incident, current));
    }

    @CheckForNull
    private static Instant liveSince(final Registry registry, final String model, final String alias,
            final int version) {
        return registry.history(model).stream().filter(m -> alias.equals(m.alias()) && Integer.valueOf(version)
                .equals(m.to())).map(io.mlstages.registry.AliasMove::at).reduce((a, b) -> b).orElse(null);
    }

    private static String describe(final Finding finding) {
        String breaches = String.join("; ", finding.breaches());
        if (!finding.datasetDrift()) {
            return finding.severity() + " performance finding: " + breaches;
        }
        return String.format("%s drift: %.0f%% of the features drifted (%s)", finding.severity(),
                finding.driftShare() * 100, String.join(", ", finding.driftedColumns()))
                + (breaches.isEmpty() ? "" : "; " + breaches);
    }

    private static String human(final Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
