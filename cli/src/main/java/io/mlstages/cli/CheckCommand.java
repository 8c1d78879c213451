package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.deploy.Secret;
import io.mlstages.drift.DomainClassifier;
import io.mlstages.incident.CheckOptions;
import io.mlstages.incident.CheckResult;
import io.mlstages.incident.Incident;
import io.mlstages.incident.Incidents;
import io.mlstages.incident.RetrainCommand;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.report.DriftTable;
import io.mlstages.report.EstimateReport;
import io.mlstages.usecase.IncidentVerification;
import io.mlstages.usecase.ModelCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code mlstages check}: a drift check against a registered model that drives its incident. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check current data for drift against the training profile of the model version an alias "
                + "points to. Drift opens an incident (or joins the open one), may request a retrain and notify a "
                + "webhook; a clean check after a new deployment resolves the incident (see docs/incidents.md).",
            "With --reference-labelled, a classifier's performance is estimated without labels too "
                + "(docs/estimation.md).",
            "Exit code 1 means drift, or an estimate below its --min-estimated bound (an incident opened or "
                + "updated)."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    RegisteredModelMixin registered;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = "production",
            description = "The alias whose version is checked (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = {"-c", "--current"}, paramLabel = "DATA", required = true,
            description = "The current data (CSV or JSON Lines). Repeatable: several files are checked as one "
                    + "sample (their columns must agree).")
    List<Path> current;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-", description = "Write the drift report as JSON ('-' for stdout), with the model, version, alias, incident and"
                    + " retrain decision.")
    @CheckForNull String json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the drift report as JUnit XML.")
    @CheckForNull Path junit;

    @Option(names = {"--html", "--report-html"}, paramLabel = "FILE",
            description = "Write the report as a self-contained HTML page, the incident on top.")
    @CheckForNull Path html;

    @Option(names = "--cool-down", paramLabel = "DURATION", defaultValue = "6h",
            description = "No second retrain request within this time unless severity rose (default: "
                    + "${DEFAULT-VALUE}).")
    @Range(min = "0s", max = "3650d")
    Duration coolDown;

    @Option(names = "--retrain-command", paramLabel = "CMD",
            description = "Run this command (split into words, no shell) when a retrain is due, with MLSTAGES_MODEL_NAME,"
                    + " MLSTAGES_MODEL_VERSION, MLSTAGES_INCIDENT_ID, MLSTAGES_DRIFTED_COLUMNS, MLSTAGES_DRIFT_REPORT and"
                    + " MLSTAGES_SEVERITY in its environment.")
    @CheckForNull String retrainCommand;

    @Option(names = "--claim-retrain",
            description = "The caller sends the retrain that is due (the Jenkins plugin starts its retrain job): the"
                    + " check records the request at once, in its locked decision, so that an overlapping check does"
                    + " not ask again. The JSON's retrain.requestedAt names it; withdraw it with 'incident retraining"
                    + " ID --withdraw=TIME' should sending fail.")
    boolean claimRetrain;

    @Option(names = "--webhook", paramLabel = "URL",
            description = "POST a JSON message here when an incident opens, escalates or resolves.")
    @CheckForNull String webhook;

    @Option(names = "--webhook-token-env", paramLabel = "NAME",
            description = "The webhook's bearer token is in this environment variable. Never printed.")
    @CheckForNull String webhookTokenEnv;

    @Mixin
    DriftOptionsMixin drift;

    @Mixin
    SegmentOptionsMixin segments;

    @Mixin
    MultivariateOptionsMixin multivariate;

    @Mixin
    EstimateOptionsMixin estimate;

    @Mixin
    ReadOptionsMixin read;

    @Mixin
    OutputMixin out;

    @Override
    public Integer call() {
        // every option is checked before the data is read: a typo must not cost a full read
        CheckOptions options = new CheckOptions(drift.toDriftOptions().withSegments(segments.toSegmentOptions()), coolDown,
                read.toReadOptions()).withEstimate(estimate.toRequest());
        if (multivariate.toOptions(drift.alpha) != null) {
            throw DomainClassifier.needsReferenceRows("a registered model's reference (its training profile)");
        }
        IncidentVerification.Webhook target = Webhooks.of(webhook, webhookTokenEnv);
        URI hook = target == null ? null : target.url();
        Secret token = target == null ? null : target.token();
        Path reportPath = json != null && !"-".equals(json) ? Converters.path(json) : null;
        PrintWriter progress = out.progress(spec);
        // the command's output is copied to stderr; it never sees the token variables (docs/incidents.md)
        RetrainCommand command = retrainCommand == null ? null : new RetrainCommand(retrainCommand, line -> {
            if (progress != null) {
                progress.println("retrain: " + line);
                progress.flush();
            }
        }, webhookTokenEnv == null ? List.of() : List.of(webhookTokenEnv), System.getenv());
        Registry opened = registered.open();
        ModelCheck.Request request = new ModelCheck.Request(opened, registered.model, alias, current, options,
                Actor.fromEnvironment(), reportPath, junit, html, command, claimRetrain, hook, token);
        if (progress != null) {
            progress.println("Checking " + current.stream().map(Path::toString).collect(Collectors.joining(" + "))
                    + " against " + registered.model + "@" + alias + " ...");
            progress.flush();
        }
        ModelCheck.Result checked = ModelCheck.run(request);
        CheckResult result = checked.check();

        PrintWriter stdout = spec.commandLine().getOut();
        if ("-".equals(json)) {
            stdout.println(ModelCheck.json(request, result, checked.version()));
        }
        else {
            stdout.print(DriftTable.toText(result.report()));
            stdout.print(EstimateReport.text(result.estimate(), ModelCheck.estimateReference(request)));
            stdout.println(incidentLine(result));
            stdout.println(retrainLine(result, command, claimRetrain));
        }
        checked.notification().ifPresent(sent -> (sent.ok() ? stdout : spec.commandLine().getErr())
                .println("webhook: " + checked.event().orElseThrow() + " " + (sent.ok() ? "sent" : "NOT sent") + ": "
                        + sent.detail()));
        stdout.flush();
        spec.commandLine().getErr().flush();
        return result.finding() ? ExitCodes.FINDING : ExitCodes.OK;
    }

    private static String incidentLine(final CheckResult result) {
        if (result.incident().isEmpty()) {
            return "No incident: " + (result.report().datasetDrift() ? "drift" : "no drift") + ".";
        }
        Incident incident = result.incident().get();
        String what = result.opened() ? "Opened " : result.resolved() ? "Resolved " : result.escalated()
                ? "Escalated " : result.report().datasetDrift() || result.estimateBreached() ? "Updated " : "Open ";
        return what + Incidents.line(incident);
    }

    private static String retrainLine(final CheckResult result, @CheckForNull final RetrainCommand command,
            final boolean claimRetrain) {
        if (!result.retrainRequested()) {
            return "Retrain: not requested (" + result.retrainReason() + ").";
        }
        if (command == null && claimRetrain) {
            return "Retrain: due (" + result.retrainReason() + "); recorded as requested at "
                    + result.incident().orElseThrow().lastRetrainRequest() + " for the caller to send"
                    + " (--claim-retrain).";
        }
        if (command == null) {
            return "Retrain: due (" + result.retrainReason() + "), but no --retrain-command is given: nothing run.";
        }
        if (result.retrainReason().startsWith("the retrain request failed")) {
            return "Retrain: " + result.retrainReason() + "; the incident stays " + result.incident().orElseThrow().stage()
                    + " and the next check tries again.";
        }
        return "Retrain: ran " + command.program() + " (" + result.retrainReason() + "); incident marked RETRAINING.";
    }
}
