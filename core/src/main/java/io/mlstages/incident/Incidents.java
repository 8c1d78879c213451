package io.mlstages.incident;

import java.util.List;

/** Incidents as text and JSON, for the command line and the plugin. */
public final class Incidents {
    private Incidents() {
    }

    /** One incident as the store's JSON. */
    public static String toJson(final Incident incident) {
        return IncidentJson.toJson(incident);
    }

    /** Incidents as a JSON array. */
    public static String toJson(final List<Incident> incidents) {
        return IncidentJson.toJson(incidents);
    }

    /** One line: id, stage, severity, model version, findings, drifted columns of the latest finding. */
    public static String line(final Incident incident) {
        Finding last = incident.lastFinding();
        return String.format("incident %s: %s, %s, %s version %d, %d finding%s, drifted: %s%s%s", incident.id(),
                incident.stage(), incident.severity(), incident.model(), incident.modelVersion(),
                incident.findings().size(), incident.findings().size() == 1 ? "" : "s",
                last.driftedColumns().isEmpty() ? "none" : String.join(", ", last.driftedColumns()),
                last.breaches().isEmpty() ? "" : "; " + String.join("; ", last.breaches()),
                incident.mitigatedBy() == null ? "" : ", mitigated by version " + incident.mitigatedBy());
    }

    /** The incident with its findings and steps, several lines. */
    public static String details(final Incident incident) {
        StringBuilder out = new StringBuilder(line(incident)).append('\n');
        out.append("findings:\n");
        for (Finding f : incident.findings()) {
            out.append(String.format("  %s  %-8s drift share %.2f  %s%s%s%n", f.at(), f.severity(), f.driftShare(),
                    String.join(", ", f.driftedColumns()), f.breaches().isEmpty() ? "" : "  " + String.join("; ",
                            f.breaches()), f.reportFile() == null ? "" : "  report " + f.reportFile()));
        }
        out.append("steps:\n");
        for (Step s : incident.steps()) {
            out.append(String.format("  %s  %-10s by %s%s  %s%n", s.at(), s.stage(), s.user(),
                    s.buildUrl() == null ? "" : " (" + s.buildUrl() + ")", s.note()));
        }
        if (incident.lastRetrainRequest() != null) {
            out.append("last retrain request: ").append(incident.lastRetrainRequest()).append('\n');
        }
        return out.toString();
    }
}
