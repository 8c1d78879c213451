package io.mlstages.usecase;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.deploy.HttpSettings;
import io.mlstages.deploy.JsonPost;
import io.mlstages.deploy.Secret;
import io.mlstages.incident.CheckOptions;
import io.mlstages.incident.CheckResult;
import io.mlstages.incident.Incident;
import io.mlstages.incident.Incidents;
import io.mlstages.incident.Monitor;
import io.mlstages.incident.Notifier;
import io.mlstages.incident.RetrainRequest;
import io.mlstages.io.AtomicFiles;
import io.mlstages.model.CheckReport;
import io.mlstages.model.ReportJson;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.report.DriftHtml;
import io.mlstages.report.DriftJUnit;
import io.mlstages.report.DriftReportJson;
import io.mlstages.report.EstimateReport;
import io.mlstages.estimate.EstimateRequest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The check of a registered model: a drift check of current data against the training profile of the version an
 * alias points to, which drives the model's incident (open, escalate, resolve), may send a retrain request, writes
 * the reports (JSON with the incident and retrain decision, JUnit XML, HTML with the incident on top) and notifies a
 * webhook. {@code mlstages check} and the demo run it.
 */
public final class ModelCheck {

    private ModelCheck() {
    }

    /**
     * What to check and what to do with the finding.
     *
     * @param registry the registry
     * @param model    the model's name
     * @param alias    the alias whose version is checked
     * @param current  the current data files, checked as one sample
     * @param options  drift options, cool-down, read options (the report file is set from the reports below)
     * @param actor    who checks (recorded in the incident)
     * @param json     where to write the JSON report, or null
     * @param junit    where to write the JUnit XML report, or null
     * @param html     where to write the HTML report, or null
     * @param retrain  sends a due retrain request (after the reports are written, so that the path it names
     *                 exists), or null
     * @param claim    record a due retrain request as sent although {@code retrain} is null: the caller sends it
     * @param webhook  where to POST incident events (opened, escalated, resolved), or null
     * @param token    the webhook's bearer token; with {@code webhook} only
     */
    public record Request(Registry registry, String model, String alias, List<Path> current, CheckOptions options,
            Actor actor, @CheckForNull Path json, @CheckForNull Path junit, @CheckForNull Path html,
            @CheckForNull RetrainRequest retrain, boolean claim, @CheckForNull URI webhook,
            @CheckForNull Secret token) {
        public Request {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(current, "current");
            if (current.isEmpty()) {
                throw new IllegalArgumentException("Give at least one current data file");
            }
            current = List.copyOf(current);
            options = options == null ? CheckOptions.defaults() : options;
            actor = actor == null ? Actor.fromEnvironment() : actor;
            json = json == null ? null : json.toAbsolutePath();
            if ((webhook == null) != (token == null)) {
                throw new IllegalArgumentException("A webhook needs its token, and a token its webhook");
            }
            webhook = webhook == null ? null : Notifier.checkUrl(webhook);
            // a report that cannot be written would fail after the incident is recorded: refuse it now
            for (Path output : Arrays.asList(json, junit, html)) {
                if (output != null && Files.isDirectory(output)) {
                    throw new IllegalArgumentException(output + " is a folder: give a file to write the report to");
                }
            }
            // the finding and the retrain request name the page a person reads first: the HTML, else the JSON
            Path shown = html != null ? html.toAbsolutePath() : json;
            if (shown != null) {
                options = options.withReportFile(shown.toString());
            }
        }
    }

    /**
     * What the check found and did.
     *
     * @param check        the monitor's result: the drift report, the incident and the retrain decision
     * @param version      the version checked
     * @param notification the webhook's answer to the event sent, when one was sent
     * @param event        the event sent to the webhook, when one was sent
     */
    public record Result(CheckResult check, Integer version, Optional<JsonPost.Sent> notification,
            Optional<String> event) {
        public Result {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(notification, "notification");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Runs the check.
     *
     * @throws io.mlstages.incident.IncidentException when the alias points to no version
     * @throws io.mlstages.data.DataException naming the file, line and column when the current data is malformed
     */
    public static Result run(final Request request) {
        Registry registry = request.registry();
        // the version checked is the alias's now; Monitor.check reads the same alias and fails when it has none
        Integer version = registry.alias(request.model(), request.alias()).orElse(null);
        // Monitor.check records the retrain request in its locked decision, then sends it: the reports are written
        // first, so that the path the request names exists; it withdraws the request when sending fails
        RetrainRequest send = request.retrain() == null && !request.claim() ? null : (incident, due) -> {
            writeReports(request, due, version);
            if (request.retrain() != null) {
                request.retrain().send(incident, due);
            }
        };
        CheckResult result = Monitor.check(registry, request.model(), request.alias(), request.current(),
                request.options(), request.actor(), send);
        // (again) with the incident as the retrain request left it
        writeReports(request, result, version);
        Optional<String> event = Optional.empty();
        Optional<JsonPost.Sent> sent = Optional.empty();
        if (request.webhook() != null) {
            event = result.event().filter(e -> !"finding".equals(e));
            sent = event.map(e -> Notifier.send(request.webhook(), request.token(), HttpSettings.defaults(), e,
                    result.incident().orElseThrow()));
        }
        return new Result(result, version, sent, event);
    }

    /** The check's JSON report, as written to {@link Request#json()}. */
    public static String json(final Request request, final CheckResult result, final Integer version) {
        return ReportJson.toString(new CheckReport(DriftReportJson.document(result.report()),
                outcome(request, result, version), EstimateReport.document(result.estimate(),
                        estimateReference(request)), result.incidentEvents()));
    }

    /** The labelled reference file of the check's estimate as the reports name it, or empty without one. */
    public static String estimateReference(final Request request) {
        EstimateRequest estimate = request.options().estimate();
        return estimate == null ? "" : estimate.reference().toString();
    }

    private static void writeReports(final Request request, final CheckResult result, final Integer version) {
        Path jsonFile = request.json();
        if (jsonFile != null) {
            AtomicFiles.write(jsonFile, json(request, result, version) + "\n");
        }
        Path junit = request.junit();
        if (junit != null) {
            DriftJUnit.write(result.report(), result.estimate(), junit);
        }
        Path html = request.html();
        if (html != null) {
            DriftHtml.write(result.report(), result.reference(), result.current(), html,
                    result.incident().map(ModelCheck::shown).orElse(null), result.estimate(),
                    estimateReference(request));
        }
    }

    /**
     * What the check decided, written after the drift report's fields (which stay as {@code drift --json} writes
     * them): the model version checked, the incident (or null) and whether a retrain is due.
     */
    private static CheckReport.Outcome outcome(final Request request, final CheckResult result,
            final Integer version) {
        Incident incident = result.incident().orElse(null);
        // the time the check recorded the request, which `incident retraining --withdraw` names
        String requestedAt = (request.claim() || request.retrain() != null) && result.retrainRequested()
                && incident != null && incident.lastRetrainRequest() != null
                ? incident.lastRetrainRequest().toString() : null;
        return new CheckReport.Outcome(request.model(), version, request.alias(), incident == null ? null
                : new CheckReport.Incident(incident.id(), incident.stage().name(), incident.severity().name(),
                        result.opened(), result.escalated(), result.resolved()),
                new CheckReport.Retrain(result.retrainRequested(), result.retrainReason(), requestedAt));
    }

    private static DriftHtml.Incident shown(final Incident incident) {
        return new DriftHtml.Incident(incident.id(), incident.stage().name().toLowerCase(Locale.ROOT),
                incident.severity().name().toLowerCase(Locale.ROOT), Incidents.line(incident));
    }
}
