package io.mlstages.usecase;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ReadOptions;
import io.mlstages.deploy.HttpSettings;
import io.mlstages.deploy.JsonPost;
import io.mlstages.deploy.Secret;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.incident.Incident;
import io.mlstages.incident.IncidentException;
import io.mlstages.incident.IncidentStore;
import io.mlstages.incident.IncidentWindow;
import io.mlstages.incident.Monitor;
import io.mlstages.incident.Notifier;
import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Metrics;
import io.mlstages.metrics.Predictions;
import io.mlstages.profile.Profile;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;
import io.mlstages.validate.Blessing;
import io.mlstages.validate.Gate;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.Gates;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.ValidationInput;

import java.net.URI;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The gates {@code validate --incident} adds to a retrained candidate's validation, which make its blessing a
 * verified mitigation of the incident:
 * <ul>
 *     <li>coverage: the data that drifted (the incident's stored current profile) does not drift against the
 *     candidate's training profile: no dataset drift, and each column the incident listed passes;</li>
 *     <li>champion on the incident window: the candidate is not worse than the production model on the primary
 *     metric, scored on the labelled predictions of the drifted version (the prediction log joined with labels)
 *     when they are given, else on the evaluation data.</li>
 * </ul>
 */
public final class IncidentVerification {
    /** Failed verifications an incident allows before automatic retraining stops. */
    public static final int DEFAULT_RETRAIN_BUDGET = 3;

    private IncidentVerification() {
    }

    /**
     * What to verify against.
     *
     * @param registry    the registry holding the incident and the production model
     * @param incident    the incident's id (the retrain job's {@code INCIDENT_ID})
     * @param alias       the production alias, whose version is the champion
     * @param labels      the labels of the drifted period (CSV with an id and a label column), or null
     * @param logDir      the serving prediction log folder, with {@code labels}
     * @param idColumn    the labels' id column (default {@code id})
     * @param labelColumn the labels' label column (default: the model's target)
     * @param drift       the drift options of the coverage gates
     * @param budget      the failed verifications allowed before automatic retraining stops, at least 1
     * @param actor       who validates (recorded in the incident)
     * @param webhook     where to POST the {@code halted} event when this validation spends the retrain budget (the
     *                    check's webhook, its payload), or null
     * @param since       the start of the incident window, or null for the incident's first detection; the window
     *                    ends at the incident's mitigation, or now
     */
    public record Request(Registry registry, String incident, String alias, @CheckForNull Path labels,
            @CheckForNull Path logDir, @CheckForNull String idColumn, @CheckForNull String labelColumn,
            DriftOptions drift, int budget, Actor actor, @CheckForNull Webhook webhook, @CheckForNull Instant since) {
        public Request {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(incident, "incident");
            alias = alias == null ? "production" : alias;
            if ((labels == null) != (logDir == null)) {
                throw new IllegalArgumentException("--incident-labels and --incident-log go together: the labels are"
                        + " joined with the prediction log by request id");
            }
            drift = drift == null ? DriftOptions.defaults() : drift;
            if (budget < 1) {
                throw new IllegalArgumentException("--retrain-budget must be at least 1, not " + budget);
            }
            actor = actor == null ? Actor.fromEnvironment() : actor;
        }

        /** A request without a webhook. */
        public Request(final Registry registry, final String incident, final String alias,
                @CheckForNull final Path labels, @CheckForNull final Path logDir, @CheckForNull final String idColumn,
                @CheckForNull final String labelColumn, final DriftOptions drift, final int budget,
                final Actor actor) {
            this(registry, incident, alias, labels, logDir, idColumn, labelColumn, drift, budget, actor, null, null);
        }

        /** This request with a webhook to tell when the retrain budget is spent. */
        public Request withWebhook(@CheckForNull final Webhook value) {
            return new Request(registry, incident, alias, labels, logDir, idColumn, labelColumn, drift, budget, actor,
                    value, since);
        }

        /** This request with the incident window starting at {@code value} instead of the first detection. */
        public Request withSince(@CheckForNull final Instant value) {
            return new Request(registry, incident, alias, labels, logDir, idColumn, labelColumn, drift, budget, actor,
                    webhook, value);
        }

        /** The incident {@code id} of the registry, the other settings at their defaults. */
        public static Request of(final Registry registry, final String id, final Actor actor) {
            return new Request(registry, id, "production", null, null, null, null, DriftOptions.defaults(),
                    DEFAULT_RETRAIN_BUDGET, actor);
        }
    }

    /**
     * A webhook for incident events, as {@code check --webhook} takes it.
     *
     * @param url   the http(s) URL, checked by {@link Notifier#checkUrl}
     * @param token the bearer token; never printed
     */
    public record Webhook(URI url, Secret token) {
        public Webhook {
            url = Notifier.checkUrl(Objects.requireNonNull(url, "url"));
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * The incident gates of a candidate.
     *
     * @param incident     the incident as it stood (after a failed validation: as the failure left it)
     * @param gates        the incident gates, coverage first
     * @param window       what the champion gate was scored on, in words
     * @param notification the webhook's answer to the {@code halted} event, when this validation spent the retrain
     *                     budget and a webhook was given
     */
    public record Outcome(Incident incident, List<GateResult> gates, String window,
            Optional<JsonPost.Sent> notification) {
        public Outcome {
            Objects.requireNonNull(incident, "incident");
            gates = List.copyOf(gates);
            notification = notification == null ? Optional.empty() : notification;
        }

        /** An outcome without a notification. */
        public Outcome(final Incident incident, final List<GateResult> gates, final String window) {
            this(incident, gates, window, Optional.empty());
        }

        /** Whether every incident gate passed. */
        public boolean passed() {
            return gates.stream().allMatch(GateResult::passed);
        }

        /** The blessing's verification: the incident and each gate's sentence. */
        public Blessing.Verified verified() {
            return new Blessing.Verified(incident.id(), gates.stream().map(g -> g.name() + ": " + g.message())
                    .toList());
        }
    }

    /**
     * Computes the incident gates of {@code candidate}.
     *
     * @param candidateMetrics the candidate's metrics on {@code data} (already computed by the validation), or null
     * @throws IncidentException when there is no such incident, or it is resolved
     */
    static Outcome check(final Request request, final ModelPackage candidate, @CheckForNull final Path data,
            @CheckForNull final Evaluation candidateMetrics, final ReadOptions read) {
        IncidentStore store = IncidentStore.of(request.registry());
        Incident incident = store.get(request.incident());
        if (!incident.isOpen()) {
            throw new IncidentException("Incident " + incident.id() + " is resolved: there is no mitigation left to"
                    + " verify");
        }
        List<GateResult> gates = new ArrayList<>(coverage(incident, store.currentProfile(incident), candidate,
                request.drift()));
        String window;
        IncidentWindow.Period period = period(request, incident);
        Scored pair = window(request, incident, candidate, period);
        if (pair != null) {
            window = "the incident window (" + pair.candidate().rows() + " labelled predictions of version "
                    + incident.modelVersion() + " served from " + period.from() + " to " + period.to()
                    + (pair.outside() == 0 ? "" : "; " + pair.outside() + " served outside it left out") + ")";
        }
        else if (data != null && candidateMetrics != null) {
            pair = onData(request, incident, data, candidateMetrics, read);
            window = "the evaluation data " + data.getFileName() + " (no labels of the incident window given)";
        }
        else {
            pair = null;
            window = "nothing: no labels of the incident window and no evaluation data the candidate could be scored"
                    + " on";
        }
        gates.add(champion(pair, window, candidate, incident));
        return new Outcome(incident, gates, window);
    }

    /**
     * Counts a failed verification against the incident's retrain budget; when that spends the budget, tells the
     * webhook ({@code halted}, the payload a check sends for it).
     *
     * @return the outcome with the incident as it now stands, and the webhook's answer
     */
    /** Records a passed verification on the incident (the candidate's blessing verifies the mitigation). */
    static Incident passed(final Request request, final Outcome gates) {
        return Monitor.verified(IncidentStore.of(request.registry()), gates.incident().id(), request.actor(),
                gates.gates().size()
                + " incident gates passed (" + gates.gates().stream().map(GateResult::name).reduce((a, b) -> a + ", "
                + b).orElse("") + ")");
    }

    static Outcome failed(final Request request, final Outcome gates) {
        String why = gates.gates().stream().filter(g -> !g.passed()).map(GateResult::name).reduce((a, b) -> a + ", "
                + b).map(names -> "failed incident gates: " + names).orElse("a gate of the validation failed");
        Incident counted = Monitor.verificationFailed(IncidentStore.of(request.registry()), gates.incident().id(),
                request.budget(), request.actor(), why);
        Webhook webhook = request.webhook();
        // only the validation that spends the budget tells: later failures change nothing a person must act on
        Optional<JsonPost.Sent> sent = webhook != null && counted.retrainHalted()
                && !gates.incident().retrainHalted()
                ? Optional.of(Notifier.send(webhook.url(), webhook.token(), HttpSettings.defaults(), "halted", counted))
                : Optional.empty();
        return new Outcome(counted, gates.gates(), gates.window(), sent);
    }

    private static List<GateResult> coverage(final Incident incident, final Optional<Profile> drifted,
            final ModelPackage candidate, final DriftOptions options) {
        List<String> listed = incident.driftedColumns();
        if (drifted.isEmpty()) {
            return List.of(new GateResult("incident coverage", GateResult.Kind.INCIDENT, "drift_share", Double.NaN,
                    null, null, false, "incident " + incident.id() + " kept no profile of the data that drifted (it"
                    + " was opened before incidents kept one, or by a rollback): run the check again so that it does"));
        }
        Profile reference = candidate.profile();
        Profile current = drifted.get();
        DriftOptions used = options;
        String target = candidate.metadata().target();
        if (used.target() == null && target != null && reference.column(target).isPresent()
                && current.column(target).isPresent()) {
            used = used.withTarget(target);
        }
        DriftReport report = DriftDetector.compare(reference, current, used);
        List<GateResult> gates = new ArrayList<>();
        gates.add(new GateResult("incident coverage", GateResult.Kind.INCIDENT, "drift_share", report.driftShare(),
                report.driftShareThreshold(), null, !report.datasetDrift(), "the data that drifted in incident "
                + incident.id() + " (" + report.currentRows() + " rows) against the candidate's training data: "
                + report.drifted().size() + " of " + report.columns().size() + " columns drift (share "
                + String.format(Locale.ROOT, "%.3f", report.driftShare()) + ", dataset drift at "
                + String.format(Locale.ROOT, "%.3f", report.driftShareThreshold()) + ")"));
        for (String column : listed) {
            Optional<ColumnDrift> found = report.columns().stream().filter(c -> c.name().equals(column)).findFirst();
            if (found.isEmpty()) {
                gates.add(new GateResult("coverage of " + column, GateResult.Kind.INCIDENT, "drift_score", Double.NaN,
                        null, null, false, column + " drifted in incident " + incident.id() + " but the candidate's"
                        + " training profile and the drifted data do not both have it with one type"));
                continue;
            }
            ColumnDrift c = found.get();
            gates.add(new GateResult("coverage of " + column, GateResult.Kind.INCIDENT, "drift_score", c.score(),
                    c.threshold(), null, !c.drift(), column + " drifted in incident " + incident.id() + "; against"
                    + " the candidate's training data it " + (c.drift() ? "still drifts" : "no longer drifts") + ": "
                    + c.method().label() + " " + String.format(Locale.ROOT, "%.4f", c.score()) + " (floor "
                    + String.format(Locale.ROOT, "%.4f", c.threshold()) + ")"
                    + (c.pValue() == null ? "" : String.format(Locale.ROOT, ", p %.3g", c.pValue()))));
        }
        return gates;
    }

    /**
     * The candidate's and production's metrics on the same rows.
     *
     * @param outside labelled predictions left out because they were served outside the incident window
     */
    private record Scored(Evaluation candidate, Evaluation production, int outside) {
    }

    /**
     * The incident's window: from its first detection (or {@code since}) to its mitigation, or now. The first
     * detection rather than when the version went live: before it, the version may have served data that had not
     * drifted yet, on which production is as good as it ever was and the candidate is not the fix being judged.
     */
    static IncidentWindow.Period period(final Request request, final Incident incident) {
        Instant since = request.since();
        Instant from = since != null ? since : incident.detectedAt();
        Instant mitigated = incident.mitigatedAt();
        Instant to = mitigated != null ? mitigated : Instant.now();
        if (to.isBefore(from)) {
            throw new IncidentException("--incident-since " + from + " is after the end of incident "
                    + incident.id() + "'s window (" + to + (mitigated != null ? ", its mitigation" : ", now") + ")");
        }
        return new IncidentWindow.Period(from, to);
    }

    /** The candidate's and production's metrics on the labelled window, or null when there is no window. */
    @CheckForNull
    private static Scored window(final Request request, final Incident incident,
            final ModelPackage candidate, final IncidentWindow.Period period) {
        Path labels = request.labels();
        Path log = request.logDir();
        if (labels == null || log == null || !candidate.canPredict()) {
            return null;
        }
        int champion = request.registry().alias(incident.model(), request.alias()).orElse(incident.modelVersion());
        ModelPackage production = request.registry().load(incident.model(), champion);
        if (!production.canPredict()) {
            return null;
        }
        String given = request.labelColumn();
        String labelColumn = given != null ? given : production.metadata().target();
        IncidentWindow.Labelled labelled = IncidentWindow.read(incident.model(), incident.modelVersion(), labels,
                request.idColumn(), labelColumn, log, period);
        List<IncidentWindow.Row> rows = labelled.rows();
        if (rows.isEmpty()) {
            throw new IncidentException("No prediction of " + incident.model() + " version " + incident.modelVersion()
                    + " in " + log + " served from " + period.from() + " to " + period.to() + " has a label in "
                    + labels + ": the incident window cannot be scored" + (labelled.outside() > 0 ? " ("
                    + labelled.outside() + " labelled predictions were served outside it; --incident-since TIME"
                    + " starts the window earlier)" : " (send rows with an _id field to the server so that the log"
                    + " can be joined)"));
        }
        List<IncidentWindow.Row> usable = rows.stream().filter(r -> known(candidate, r) && known(production, r))
                .toList();
        if (usable.isEmpty()) {
            throw new IncidentException(labels + ": none of the " + rows.size() + " labels is a class of both the"
                    + " candidate and version " + champion);
        }
        return new Scored(Metrics.evaluate(score(candidate, usable, labels)),
                Metrics.evaluate(score(production, usable, labels)), labelled.outside());
    }

    private static boolean known(final ModelPackage model, final IncidentWindow.Row row) {
        return !model.metadata().task().isClassification() || model.metadata().classes().contains(row.label());
    }

    private static Predictions score(final ModelPackage model, final List<IncidentWindow.Row> rows,
            final Path labels) {
        List<String> classes = model.metadata().classes();
        int n = rows.size();
        if (model.metadata().task().isClassification()) {
            int[] actual = new int[n];
            double[][] probabilities = new double[n][];
            for (int i = 0; i < n; i++) {
                actual[i] = classes.indexOf(rows.get(i).label());
                probabilities[i] = model.predict(rows.get(i).features());
            }
            return new Predictions(model.metadata().task(), classes, actual, probabilities, null, null, 0);
        }
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                actual[i] = Double.parseDouble(rows.get(i).label());
            }
            catch (NumberFormatException e) {
                throw new IncidentException(labels + ": the label '" + rows.get(i).label() + "' is not a number", e);
            }
            predicted[i] = model.predict(rows.get(i).features())[0];
        }
        return new Predictions(model.metadata().task(), List.of(), null, null, actual, predicted, 0);
    }

    @CheckForNull
    private static Scored onData(final Request request, final Incident incident, final Path data,
            final Evaluation candidateMetrics, final ReadOptions read) {
        Optional<Integer> champion = request.registry().models().contains(incident.model())
                ? request.registry().alias(incident.model(), request.alias()) : Optional.empty();
        if (champion.isEmpty()) {
            return null;
        }
        ModelPackage production = request.registry().load(incident.model(), champion.get());
        return new Scored(candidateMetrics, Metrics.evaluate(Scoring.score(production, data,
                read.withBadRowLog(null))), 0);
    }

    private static GateResult champion(@CheckForNull final Scored pair, final String window,
            final ModelPackage candidate, final Incident incident) {
        Metric metric = Metric.primary(candidate.metadata().task());
        String name = "champion on incident window (" + metric.label() + ")";
        if (pair == null) {
            return new GateResult(name, GateResult.Kind.INCIDENT, metric.label(), Double.NaN, null, null, false,
                    "the candidate could not be compared with production of " + incident.model() + ": scored on "
                    + window);
        }
        ValidationInput input = ValidationInput.of(ModelIdentity.named("candidate"), pair.candidate(), window, null)
                .withBaseline(ModelIdentity.named("production"), pair.production());
        GateResult compared = Gates.check(input, List.of(new Gate.Baseline(metric,
                Gate.Change.ABSOLUTE, 0))).gates().get(0);
        return new GateResult(name, GateResult.Kind.INCIDENT, compared.metric(), compared.value(), compared.bound(),
                compared.baseline(), compared.passed(), compared.message().replace("vs baseline", "vs production")
                + "; scored on " + window);
    }
}
