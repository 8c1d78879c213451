package io.mlstages.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.deploy.HttpSettings;
import io.mlstages.deploy.JsonPost;
import io.mlstages.deploy.Secret;
import io.mlstages.incident.CheckOptions;
import io.mlstages.incident.CheckResult;
import io.mlstages.incident.Incident;
import io.mlstages.incident.Incidents;
import io.mlstages.incident.Monitor;
import io.mlstages.incident.Notifier;
import io.mlstages.incident.RetrainCommand;
import io.mlstages.incident.RetrainRequest;
import io.mlstages.io.AtomicFiles;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.report.DriftHtml;
import io.mlstages.report.DriftJUnit;
import io.mlstages.report.DriftReportJson;
import io.mlstages.report.DriftTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
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
            "Exit code 1 means drift (an incident opened or updated)."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--registry", paramLabel = "DIR", required = true, description = "The registry folder.")
    Path registry;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "The model's name.")
    String model;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = "production",
            description = "The alias whose version is checked (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = {"-c", "--current"}, paramLabel = "DATA", required = true,
            description = "The current data (CSV or JSON Lines). Repeatable: several files are checked as one "
                    + "sample (their columns must agree).")
    List<Path> current;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-", description = "Write the drift report as JSON ('-' for stdout), with the model, version, alias, incident and"
                    + " retrain decision.")
    String json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the drift report as JUnit XML.")
    Path junit;

    @Option(names = {"--html", "--report-html"}, paramLabel = "FILE",
            description = "Write the report as a self-contained HTML page, the incident on top.")
    Path html;

    @Option(names = "--cool-down", paramLabel = "DURATION", defaultValue = "6h",
            description = "No second retrain request within this time unless severity rose (default: "
                    + "${DEFAULT-VALUE}).")
    @Range(min = "0s", max = "3650d")
    Duration coolDown;

    @Option(names = "--retrain-command", paramLabel = "CMD",
            description = "Run this command (split into words, no shell) when a retrain is due, with MLSTAGES_MODEL_NAME,"
                    + " MLSTAGES_MODEL_VERSION, MLSTAGES_INCIDENT_ID, MLSTAGES_DRIFTED_COLUMNS, MLSTAGES_DRIFT_REPORT and"
                    + " MLSTAGES_SEVERITY in its environment.")
    String retrainCommand;

    @Option(names = "--claim-retrain",
            description = "The caller sends the retrain that is due (the Jenkins plugin starts its retrain job): the"
                    + " check records the request at once, in its locked decision, so that an overlapping check does"
                    + " not ask again. The JSON's retrain.requestedAt names it; withdraw it with 'incident retraining"
                    + " ID --withdraw=TIME' should sending fail.")
    boolean claimRetrain;

    @Option(names = "--webhook", paramLabel = "URL",
            description = "POST a JSON message here when an incident opens, escalates or resolves.")
    String webhook;

    @Option(names = "--webhook-token-env", paramLabel = "NAME",
            description = "The webhook's bearer token is in this environment variable. Never printed.")
    String webhookTokenEnv;

    @Mixin
    DriftOptionsMixin drift;

    @Mixin
    ReadOptionsMixin read;

    @Mixin
    OutputMixin out;

    @Override
    public Integer call() {
        // every option is checked before the data is read: a typo must not cost a full read
        CheckOptions options = new CheckOptions(drift.toDriftOptions(), coolDown,
                read.toReadOptions());
        URI hook = webhook == null ? null : Notifier.checkUrl(uri(webhook));
        if ((hook == null) != (webhookTokenEnv == null)) {
            throw new IllegalArgumentException("Give --webhook and --webhook-token-env together");
        }
        Secret token = webhookTokenEnv == null ? null : Secret.fromEnvironment(webhookTokenEnv);
        Path reportPath = json != null && !"-".equals(json) ? Path.of(json).toAbsolutePath() : null;
        // a report that cannot be written would fail after the incident is recorded: refuse it now
        for (Path output : java.util.Arrays.asList(reportPath, junit, html)) {
            if (output != null && java.nio.file.Files.isDirectory(output)) {
                throw new IllegalArgumentException(output + " is a folder: give a file to write the report to");
            }
        }
        // the finding and the retrain command name the page a person reads first: the HTML, else the JSON
        Path shown = html != null ? html.toAbsolutePath() : reportPath;
        if (shown != null) {
            options = options.withReportFile(shown.toString());
        }
        PrintWriter progress = out.progress(spec);
        // the command's output is copied to stderr; it never sees the token variables (docs/incidents.md)
        RetrainCommand command = retrainCommand == null ? null : new RetrainCommand(retrainCommand, line -> {
            if (progress != null) {
                progress.println("retrain: " + line);
                progress.flush();
            }
        }, webhookTokenEnv == null ? List.of() : List.of(webhookTokenEnv), System.getenv());
        Registry opened = Registries.open(registry);
        if (progress != null) {
            progress.println("Checking " + current.stream().map(Path::toString).collect(Collectors.joining(" + "))
                    + " against " + model + "@" + alias + " ...");
            progress.flush();
        }
        Actor actor = Actor.fromEnvironment();
        // the version checked is the alias's now; Monitor.check reads the same alias and fails when it has none
        Integer version = opened.alias(model, alias).orElse(null);
        // Monitor.check records the retrain request in its locked decision, then sends it: the reports are written
        // first, so that the path the command receives exists; it withdraws the request when the command fails
        RetrainRequest request = command == null && !claimRetrain ? null : (incident, due) -> {
            writeReports(due, version, reportPath);
            if (command != null) {
                command.send(incident, due);
            }
        };
        CheckResult result = Monitor.check(opened, model, alias, current, options, actor, request);
        // (again) with the incident as the retrain request left it
        writeReports(result, version, reportPath);

        PrintWriter stdout = spec.commandLine().getOut();
        if ("-".equals(json)) {
            stdout.println(Summaries.json(reportJson(result, version)));
        }
        else {
            stdout.print(DriftTable.toText(result.report()));
            stdout.println(incidentLine(result));
            stdout.println(retrainLine(result, command, claimRetrain));
        }
        CheckResult checked = result;
        if (hook != null) {
            checked.event().filter(e -> !"finding".equals(e)).ifPresent(event -> {
                JsonPost.Sent sent = Notifier.send(hook, token, HttpSettings.defaults(), event,
                        checked.incident().orElseThrow());
                (sent.ok() ? stdout : spec.commandLine().getErr()).println("webhook: " + event + " "
                        + (sent.ok() ? "sent" : "NOT sent") + ": " + sent.detail());
            });
        }
        stdout.flush();
        spec.commandLine().getErr().flush();
        return result.report().datasetDrift() ? ExitCodes.FINDING : ExitCodes.OK;
    }

    private void writeReports(final CheckResult result, final Integer version, final Path reportPath) {
        if (reportPath != null) {
            AtomicFiles.write(reportPath, Summaries.json(reportJson(result, version)) + "\n");
        }
        if (junit != null) {
            DriftJUnit.write(result.report(), junit);
        }
        if (html != null) {
            DriftHtml.write(result.report(), result.reference(), result.current(), html,
                    result.incident().map(CheckCommand::shown).orElse(null));
        }
    }

    /**
     * The drift report's JSON and, added to it, what the check decided: the model version checked, the incident
     * (or null) and whether a retrain is due. The report's own fields stay as {@code drift --json} writes them.
     */
    private ObjectNode reportJson(final CheckResult result, final Integer version) {
        ObjectNode root = DriftReportJson.toJson(result.report());
        root.put("model", model);
        root.put("version", version);
        root.put("alias", alias);
        if (result.incident().isEmpty()) {
            root.putNull("incident");
        }
        else {
            Incident incident = result.incident().get();
            ObjectNode node = root.putObject("incident");
            node.put("id", incident.id());
            node.put("stage", incident.stage().name());
            node.put("severity", incident.severity().name());
            node.put("opened", result.opened());
            node.put("escalated", result.escalated());
            node.put("resolved", result.resolved());
        }
        ObjectNode retrain = root.putObject("retrain");
        retrain.put("due", result.retrainRequested());
        retrain.put("reason", result.retrainReason());
        Incident claimed = result.incident().orElse(null);
        if ((claimRetrain || retrainCommand != null) && result.retrainRequested() && claimed != null
                && claimed.lastRetrainRequest() != null) {
            // the time the check recorded the request, which `incident retraining --withdraw` names
            retrain.put("requestedAt", claimed.lastRetrainRequest().toString());
        }
        return root;
    }

    private static String incidentLine(final CheckResult result) {
        if (result.incident().isEmpty()) {
            return "No incident: " + (result.report().datasetDrift() ? "drift" : "no drift") + ".";
        }
        Incident incident = result.incident().get();
        String what = result.opened() ? "Opened " : result.resolved() ? "Resolved " : result.escalated()
                ? "Escalated " : result.report().datasetDrift() ? "Updated " : "Open ";
        return what + Incidents.line(incident);
    }

    private static String retrainLine(final CheckResult result, final RetrainCommand command,
            final boolean claimRetrain) {
        if (!result.report().datasetDrift()) {
            return "Retrain: not requested (" + result.retrainReason() + ").";
        }
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

    private static DriftHtml.Incident shown(final Incident incident) {
        return new DriftHtml.Incident(incident.id(), incident.stage().name().toLowerCase(java.util.Locale.ROOT),
                incident.severity().name().toLowerCase(java.util.Locale.ROOT), Incidents.line(incident));
    }

    private static URI uri(final String text) {
        try {
            return new URI(text);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("--webhook '" + text + "' is not a URL: " + e.getMessage());
        }
    }
}
