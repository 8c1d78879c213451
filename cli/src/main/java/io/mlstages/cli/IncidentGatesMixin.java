package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.drift.DriftOptions;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.usecase.IncidentVerification;
import io.mlstages.usecase.Validation;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code validate --incident ID}: the gates that verify a retrained candidate mitigates an incident (coverage of the
 * drifted data, the champion on the incident window), and the incident's retrain budget.
 */
final class IncidentGatesMixin {
    @Option(names = "--incident", paramLabel = "ID",
            description = "Verify that the candidate mitigates this incident (the retrain job's INCIDENT_ID): adds the"
                    + " coverage and champion gates; a pass makes the blessing a verified mitigation. Needs"
                    + " --registry.")
    @CheckForNull String incident;

    @Option(names = "--incident-labels", paramLabel = "FILE",
            description = "With --incident: labels of the drifted period (CSV with an id and a label column),"
                    + " joined with --incident-log to score the candidate and production on the incident window.")
    @CheckForNull Path labels;

    @Option(names = "--incident-log", paramLabel = "DIR",
            description = "With --incident-labels: the serving prediction log folder (predictions*.jsonl).")
    @CheckForNull Path log;

    @Option(names = "--incident-since", paramLabel = "TIME",
            description = "With --incident-labels: the incident window starts here, an ISO-8601 instant such as"
                    + " 2026-11-20T00:00:00Z or a date (UTC midnight), instead of the incident's first detection;"
                    + " it ends at the incident's mitigation, or now. Predictions served outside it are left out.")
    @CheckForNull String since;

    @Option(names = "--incident-id-column", paramLabel = "NAME",
            description = "The labels' id column (default: id).")
    @CheckForNull String idColumn;

    @Option(names = "--incident-label-column", paramLabel = "NAME",
            description = "The labels' label column (default: the model's target).")
    @CheckForNull String labelColumn;

    @Option(names = "--retrain-budget", paramLabel = "N",
            defaultValue = "" + IncidentVerification.DEFAULT_RETRAIN_BUDGET,
            description = "With --incident: failed verifications allowed before the incident's severity rises and"
                    + " automatic retraining stops until a person resolves or re-arms it (default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = "1000")
    int budget;

    @Option(names = "--webhook", paramLabel = "URL",
            description = "With --incident: POST the incident's 'halted' event here when this validation spends its"
                    + " retrain budget (the message 'check --webhook' sends; docs/incidents.md).")
    @CheckForNull String webhook;

    @Option(names = "--webhook-token-env", paramLabel = "NAME",
            description = "The webhook's bearer token is in this environment variable. Never printed.")
    @CheckForNull String webhookTokenEnv;

    /** The verification's request, or null without {@code --incident}. */
    @CheckForNull
    IncidentVerification.Request toRequest(@CheckForNull final Registry registry, final String alias,
            @CheckForNull final DriftOptions drift) {
        if (incident == null) {
            if (labels != null || log != null || since != null) {
                throw new IllegalArgumentException("--incident-labels, --incident-log and --incident-since need"
                        + " --incident ID");
            }
            if (webhook != null || webhookTokenEnv != null) {
                throw new IllegalArgumentException("--webhook and --webhook-token-env need --incident ID: the "
                        + "validation tells the webhook when it spends the incident's retrain budget");
            }
            return null;
        }
        if (since != null && labels == null) {
            throw new IllegalArgumentException("--incident-since bounds the labelled incident window: it needs"
                    + " --incident-labels FILE --incident-log DIR");
        }
        IncidentVerification.Webhook target = Webhooks.of(webhook, webhookTokenEnv);
        if (registry == null) {
            throw new IllegalArgumentException("--incident needs the registry that holds it: --registry DIR"
                    + " --registry-model NAME");
        }
        return new IncidentVerification.Request(registry, incident, alias, labels, log, idColumn, labelColumn,
                drift == null ? DriftOptions.defaults() : drift,
                budget, Actor.fromEnvironment(), target, since == null ? null : instant(since));
    }

    /** An ISO-8601 instant, or a date taken as its UTC midnight. */
    private static Instant instant(final String text) {
        String given = text.strip();
        try {
            return given.length() == 10 ? LocalDate.parse(given).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(given);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--incident-since '" + text + "' is not a time such as"
                    + " 2026-11-20T00:00:00Z or a date such as 2026-11-20");
        }
    }

    /** What the verification found, for people: a line or two on stdout (a webhook that failed on stderr). */
    static void print(final Validation.Result result, final PrintWriter out, final PrintWriter err) {
        result.verification().ifPresent(v -> {
            if (result.report().passed()) {
                out.println("Verified: the blessing verifies the mitigation of incident " + v.incident().id()
                        + " (champion scored on " + v.window() + ")");
            }
            else {
                out.println("Not verified: incident " + v.incident().id() + " stays " + v.incident().stage()
                        + "; failed verifications " + v.incident().failedVerifications()
                        + (v.incident().retrainHalted() ? "; retrain budget spent: severity " + v.incident().severity()
                        + ", automatic retraining stops until a person resolves it or runs mlstages incident rearm "
                        + v.incident().id() : ""));
            }
            v.notification().ifPresent(sent -> (sent.ok() ? out : err).println("webhook: halted "
                    + (sent.ok() ? "sent" : "NOT sent") + ": " + sent.detail()));
        });
    }
}
