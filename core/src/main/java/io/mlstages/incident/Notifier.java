package io.mlstages.incident;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.deploy.HttpSettings;
import io.mlstages.deploy.JsonPost;
import io.mlstages.deploy.Secret;

import java.net.URI;
import java.util.Objects;

/**
 * Tells a webhook about an incident: a JSON POST with a bearer token, sent through the deployment engine's HTTP
 * client (timeouts, retries, the token masked in every message). The payload is described in docs/incidents.md.
 */
public final class Notifier {
    /** The {@code kind} of the payload. */
    public static final String KIND = "mlstages-incident-event";

    private Notifier() {
    }

    /**
     * Checks a webhook URL before anything else happens, so that a check with a bad URL writes no incident it then
     * cannot announce.
     *
     * @return the URL
     * @throws io.mlstages.deploy.DeployException when the URL is not http(s), names no host or holds user information
     */
    public static URI checkUrl(final URI url) {
        return JsonPost.checkUrl(url, "The webhook URL", "--webhook-token-env (or the plugin's webhookCredentialsId)");
    }

    /**
     * POSTs the event.
     *
     * @param event {@code opened}, {@code escalated}, {@code resolved}, {@code finding}, {@code retraining},
     *              {@code mitigated} or {@code halted} (the retrain budget is spent)
     * @return what the POST achieved; never holds the token
     * @throws io.mlstages.deploy.DeployException when the URL is not http(s) or holds user information
     */
    public static JsonPost.Sent send(final URI url, final Secret token, final HttpSettings settings,
            final String event, final Incident incident) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(incident, "incident");
        // one key per incident, event and step count: a retry of this message is recognisable, the next one is not
        String key = incident.id() + "/" + event + "/" + incident.steps().size() + "/" + incident.findings().size();
        return JsonPost.post(url, token, settings == null ? HttpSettings.defaults() : settings,
                payload(event, incident), key);
    }

    /** The JSON message. */
    public static String payload(final String event, final Incident incident) {
        Finding last = incident.lastFinding();
        ObjectNode node = IncidentJson.MAPPER.createObjectNode();
        node.put("kind", KIND);
        node.put("event", event);
        node.put("text", text(event, incident));
        ObjectNode summary = node.putObject("incident");
        summary.put("id", incident.id());
        summary.put("model", incident.model());
        summary.put("modelVersion", incident.modelVersion());
        summary.put("stage", incident.stage().name());
        summary.put("severity", incident.severity().name());
        summary.put("openedAt", incident.openedAt().toString());
        summary.put("findings", incident.findings().size());
        summary.put("driftShare", last.driftShare());
        ArrayNode columns = summary.putArray("driftedColumns");
        last.driftedColumns().forEach(columns::add);
        summary.put("reportFile", last.reportFile());
        Step step = incident.steps().get(incident.steps().size() - 1);
        summary.put("buildUrl", step.buildUrl());
        summary.put("failedVerifications", incident.failedVerifications());
        summary.put("retrainHalted", incident.retrainHalted());
        if (incident.retrainHalted()) {
            summary.put("retrainHaltedReason", Monitor.halted(incident));
        }
        if (incident.mitigatedBy() == null) {
            summary.putNull("mitigatedBy");
        }
        else {
            summary.put("mitigatedBy", incident.mitigatedBy());
        }
        return IncidentJson.write(node);
    }

    private static String text(final String event, final Incident incident) {
        String what = incident.model() + " version " + incident.modelVersion() + ": incident " + incident.id();
        return switch (event) {
            case "opened" -> what + " opened, " + incident.severity() + " drift in "
                    + String.join(", ", incident.lastFinding().driftedColumns());
            case "escalated" -> what + " escalated to " + incident.severity();
            case "resolved" -> what + " resolved";
            case "halted" -> what + " " + Monitor.halted(incident) + " (severity " + incident.severity() + ")";
            default -> what + " " + event + " (" + incident.stage() + ", " + incident.severity() + ")";
        };
    }
}
