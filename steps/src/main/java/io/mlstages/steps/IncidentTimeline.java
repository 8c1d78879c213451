package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.Html;
import io.mlstages.model.IncidentDocument;
import io.mlstages.model.IncidentEvent;
import io.mlstages.model.ReportJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One incident's timeline across the builds that acted on it (the drift check that found it, the retrain and
 * validation, the deployment that mitigated it, the check that resolved it), for the build page: each entry says
 * when, which part of the loop, in which build, and why. Every build page that shows an incident links the others
 * by the incident's id ({@link #anchor()}), so the pages of one incident point at each other.
 *
 * @param incidentId     the incident
 * @param model          the model
 * @param stage          where the incident stands now
 * @param severity       its severity
 * @param timeToDetect   from the drifted version's deployment to the first finding (ISO-8601), or null
 * @param timeToMitigate from the first finding to the verified mitigation (ISO-8601), or null
 * @param retrainHalted  whether automatic retraining stopped (the retrain budget is spent)
 * @param entries        oldest first
 */
public record IncidentTimeline(String incidentId, String model, String stage, String severity,
        @CheckForNull String timeToDetect, @CheckForNull String timeToMitigate, boolean retrainHalted,
        List<Entry> entries) {
    private static final Pattern BUILD = Pattern.compile("(.*/job/([^/]+))/([0-9]+)/?$");
    /** The event of a finding entry (a drift check's finding is no step of the lifecycle). */
    static final String FINDING = "finding";

    public IncidentTimeline {
        Objects.requireNonNull(incidentId, "incidentId");
        entries = List.copyOf(entries);
    }

    /**
     * One event of the incident.
     *
     * @param at       when (ISO-8601)
     * @param loop     the part of the loop: {@code drift check}, {@code retrain}, {@code validation},
     *                 {@code deployment}, {@code rollback} or {@code by hand}
     * @param event    the kind ({@link IncidentEvent}), or {@code finding} for a drift check's finding
     * @param stage    the incident's stage after it
     * @param buildUrl the build that did it, or null outside a build
     * @param job      that build's job name, or null
     * @param build    that build's number, or null
     * @param note     why, in a sentence
     * @param guessed  whether the kind was judged from the stage and the note's wording (a step written before steps
     *                 named their event) rather than read
     */
    public record Entry(String at, String loop, String event, String stage, @CheckForNull String buildUrl,
            @CheckForNull String job, @CheckForNull Integer build, String note, boolean guessed) {
    }

    /** The timeline of an incident's JSON ({@code mlstages incident show --json}, the store's file). */
    public static IncidentTimeline parse(final String json, final String origin) {
        return of(ReportJson.read(json, IncidentDocument.TYPE, origin));
    }

    /** The timeline of an incident document. */
    public static IncidentTimeline of(final IncidentDocument incident) {
        List<Entry> entries = new ArrayList<>();
        for (IncidentDocument.Finding finding : incident.findings()) {
            entries.add(entry(finding.at(), "drift check", FINDING, "finding", finding.buildUrl(), String.format(
                    Locale.ROOT, "%s drift, share %.2f: %s", finding.severity(), finding.driftShare(),
                    String.join(", ", finding.driftedColumns())), false));
        }
        for (IncidentDocument.Step step : incident.steps()) {
            String note = step.note() == null ? "" : step.note();
            String event = step.event();
            boolean guessed = event == null;
            // only a step written before steps named their event is judged by its wording
            String kind = guessed ? guess(step.stage(), note) : event;
            entries.add(entry(step.at(), loopOf(kind), kind, step.stage(), step.buildUrl(), note, guessed));
        }
        // stable: a finding stays before the step it caused at the same instant
        entries.sort(Comparator.comparing(e -> instant(e.at())));
        return new IncidentTimeline(incident.id(), incident.model(), incident.stage(), incident.severity(),
                incident.timeToDetect(), incident.timeToMitigate(), Boolean.TRUE.equals(incident.retrainHalted()),
                entries);
    }

    /**
     * The part of the loop an event belongs to, as the timeline's {@code loop} column says it; an unknown kind (a
     * newer writer's) is {@code other}.
     */
    public static String loopOf(final String event) {
        return switch (event) {
            case FINDING, IncidentEvent.DETECTED, IncidentEvent.FOUND_AGAIN, IncidentEvent.REOPENED,
                    IncidentEvent.RESOLVED -> "drift check";
            case IncidentEvent.RETRAIN_REQUESTED -> "retrain";
            case IncidentEvent.VERIFIED, IncidentEvent.RETRAIN_REFUSED, IncidentEvent.HALTED -> "validation";
            case IncidentEvent.MITIGATED, IncidentEvent.NOT_MITIGATED -> "deployment";
            case IncidentEvent.ROLLED_BACK -> "rollback";
            case IncidentEvent.REARMED, IncidentEvent.RESOLVED_BY_HAND -> "by hand";
            default -> "other";
        };
    }

    /** The HTML anchor every build page gives the incident, so that the pages link each other by its id. */
    public String anchor() {
        return "incident-" + incidentId;
    }

    /** The builds that acted on the incident, oldest first, each once. */
    public List<String> builds() {
        return entries.stream().map(Entry::buildUrl).filter(Objects::nonNull).distinct().toList();
    }

    /** The timeline as an HTML table, every text escaped; builds are links. No script. */
    public String toHtml() {
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"mlstages-incident-timeline\" id=\"").append(Html.escape(anchor())).append("\">");
        html.append("<p>Incident <b>").append(Html.escape(incidentId)).append("</b> of ").append(Html.escape(model))
                .append(": ").append(Html.escape(stage)).append(", ").append(Html.escape(severity));
        if (timeToDetect != null) {
            html.append("; time to detect ").append(Html.escape(human(timeToDetect)));
        }
        if (timeToMitigate != null) {
            html.append("; time to mitigate ").append(Html.escape(human(timeToMitigate)));
        }
        if (retrainHalted) {
            html.append("; <b>automatic retraining stopped</b>: the retrain budget is spent, a person must resolve"
                    + " or re-arm it");
        }
        html.append("</p><table><tr><th>when</th><th>loop</th><th>event</th><th>stage</th><th>build</th><th>why</th>"
                + "</tr>");
        for (Entry entry : entries) {
            html.append("<tr><td>").append(Html.escape(entry.at())).append("</td><td>")
                    .append(Html.escape(entry.loop())).append("</td><td>").append(Html.escape(entry.event()))
                    .append(entry.guessed() ? " (judged from the note)" : "").append("</td><td>")
                    .append(Html.escape(entry.stage()))
                    .append("</td><td>");
            String url = entry.buildUrl();
            if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
                html.append("<a href=\"").append(Html.escape(url)).append("\">")
                        .append(Html.escape(entry.job() == null ? url : entry.job() + " #" + entry.build()))
                        .append("</a>");
            }
            else if (url != null) {
                html.append(Html.escape(url));
            }
            html.append("</td><td>").append(Html.escape(entry.note())).append("</td></tr>");
        }
        return html.append("</table></div>").toString();
    }

    private static Entry entry(final String at, final String loop, final String event, final String stage,
            @CheckForNull final String buildUrl, final String note, final boolean guessed) {
        String job = null;
        Integer build = null;
        if (buildUrl != null) {
            Matcher m = BUILD.matcher(buildUrl);
            if (m.matches()) {
                job = m.group(2);
                build = Integer.valueOf(m.group(3));
            }
        }
        return new Entry(at, loop, event, stage, buildUrl, job, build, note, guessed);
    }

    /**
     * The event of a step written before steps named theirs, judged from its stage and the engine's wording of its
     * note (the wording of that time; newer steps are never judged so).
     */
    static String guess(final String stage, final String note) {
        if (note.startsWith("rolled back")) {
            return IncidentEvent.ROLLED_BACK;
        }
        if (note.startsWith("verification ")) {
            return note.contains("retrain budget spent") ? IncidentEvent.HALTED : IncidentEvent.RETRAIN_REFUSED;
        }
        if (note.startsWith("re-armed")) {
            return IncidentEvent.REARMED;
        }
        if (note.startsWith("drift persists")) {
            return IncidentEvent.REOPENED;
        }
        return switch (stage) {
            case "RETRAINING" -> IncidentEvent.RETRAIN_REQUESTED;
            case "MITIGATED" -> IncidentEvent.MITIGATED;
            case "RESOLVED" -> note.startsWith("clean check") ? IncidentEvent.RESOLVED : IncidentEvent.RESOLVED_BY_HAND;
            default -> note.startsWith("version ") ? IncidentEvent.NOT_MITIGATED : IncidentEvent.DETECTED;
        };
    }

    /** Instants compare by time, not as text (fractions of a second vary in length); a bad one sorts first. */
    private static java.time.Instant instant(final String at) {
        try {
            return at == null ? java.time.Instant.MIN : java.time.Instant.parse(at);
        }
        catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.MIN;
        }
    }

    /** An ISO-8601 duration for people: {@code PT26H3M} as {@code 26h 3m}. */
    static String human(final String iso) {
        String text = iso.startsWith("PT") ? iso.substring(2) : iso;
        return text.toLowerCase(Locale.ROOT).replace("h", "h ").replace("m", "m ").replaceAll("\\.[0-9]+s", "s")
                .strip();
    }
}
