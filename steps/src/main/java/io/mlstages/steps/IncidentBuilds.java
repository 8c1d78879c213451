package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.Html;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One incident's timeline across the builds of the loop, for the build page: the drift-check build that detected it,
 * the retrain build that verified (or was refused), the deploy build that mitigated it, the check that resolved it,
 * each a link. Builds belong to it by the incident id their steps' results named ({@code incidentEvents}), and by
 * upstream cause: a build started by one of them (the retrain job a drift check started, with no incident step of
 * its own yet) and the builds that started them. The plugin only collects the facts of candidate builds
 * ({@link Build}); which belong, in what order, and how they read is decided here.
 *
 * @param incidentId the incident
 * @param self       the key of the build whose page shows it
 * @param builds     the builds that belong, oldest first
 * @param rows       the timeline, oldest first
 */
public record IncidentBuilds(String incidentId, String self, List<Linked> builds, List<Row> rows) {
    /** How a build is tied to the incident. */
    public enum Link {
        /** One of its steps named the incident. */
        INCIDENT_ID("incident id"),
        /** An upstream cause ties it to a build that did: it was started by one. */
        STARTED_BY("started by"),
        /** An upstream cause ties it to a build that did: it started one. */
        STARTED("started");

        private final String words;

        Link(final String words) {
            this.words = words;
        }

        /** How the page says it. */
        public String words() {
            return words;
        }
    }

    public IncidentBuilds {
        Objects.requireNonNull(incidentId, "incidentId");
        builds = List.copyOf(builds);
        rows = List.copyOf(rows);
    }

    /**
     * A build as the plugin saw it: JDK types only, from the build's own record of its steps' incident events and
     * its causes.
     *
     * @param key       the job's full name, {@code #} and the number ({@link #key(String, int)})
     * @param job       the job's full name
     * @param number    the build number
     * @param url       the build's URL relative to Jenkins' root ({@code job/retrain/7/})
     * @param startedAt when it started, milliseconds since the epoch
     * @param upstream  the keys of the builds that started it (its upstream causes)
     * @param events    what its steps did to incidents, in order
     */
    public record Build(String key, String job, int number, String url, long startedAt, List<String> upstream,
            List<Event> events) {
        public Build {
            Objects.requireNonNull(key, "key");
            upstream = List.copyOf(upstream);
            events = List.copyOf(events);
        }

        /** Whether one of its steps named the incident. */
        boolean touches(final String incidentId) {
            return events.stream().anyMatch(e -> e.incident().equals(incidentId));
        }
    }

    /**
     * One incident event of a build's step.
     *
     * @param incident the incident's id
     * @param event    its kind ({@link io.mlstages.model.IncidentEvent})
     * @param at       when the step recorded it, milliseconds since the epoch
     * @param step     the step that did it ({@code checkDrift}, {@code validateModel}, {@code deployModel})
     */
    public record Event(String incident, String event, long at, String step) {
        public Event {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A build that belongs, and why.
     *
     * @param build the build
     * @param link  how it is tied
     * @param via   for a link by cause, the build it is tied through; else null
     */
    public record Linked(Build build, Link link, @CheckForNull Build via) {
    }

    /**
     * One line of the timeline.
     *
     * @param at    when, milliseconds since the epoch
     * @param build the build
     * @param loop  the part of the loop ({@link IncidentTimeline#loopOf}); {@code linked build} for a build tied by
     *              cause alone
     * @param event the event's kind, or null for a build tied by cause alone
     * @param how   how the build is tied, in words ({@code incident id}, {@code started by drift-check #41})
     */
    public record Row(long at, Build build, String loop, @CheckForNull String event, String how) {
    }

    /** The key of a build: its job's full name, {@code #}, its number. */
    public static String key(final String job, final int number) {
        return job + "#" + number;
    }

    /**
     * The incident events of a finished step, from the map it returns ({@code incidentId}, {@code incidentEvents}),
     * stamped {@code at}: what the plugin keeps on the build. None when the step touched no incident.
     */
    public static List<Event> eventsOf(final String step, final Map<String, ?> result, final long at) {
        Object id = result.get("incidentId");
        Object kinds = result.get("incidentEvents");
        if (!(id instanceof String incident) || incident.isBlank() || !(kinds instanceof List<?> list)) {
            return List.of();
        }
        List<Event> events = new ArrayList<>();
        for (Object kind : list) {
            if (kind instanceof String event && !event.isBlank()) {
                events.add(new Event(incident, event, at, step));
            }
        }
        return events;
    }

    /**
     * The way from a page back to Jenkins' root as a relative link: from the build page of {@code runUrl}
     * ({@code job/f/job/x/5/}, relative to the root) and {@code below} levels under it (1 for the action's own page).
     * Relative links work under any context path and without a configured root URL.
     */
    public static String relativeRoot(final String runUrl, final int below) {
        int depth = below;
        for (String segment : runUrl.split("/")) {
            if (!segment.isEmpty()) {
                depth++;
            }
        }
        return depth == 0 ? "." : String.join("/", java.util.Collections.nCopies(depth, ".."));
    }

    /** The incidents a build's steps named, each once, in order. */
    public static List<String> incidentsOf(final Build build) {
        return build.events().stream().map(Event::incident).distinct().toList();
    }

    /**
     * The builds of {@code candidates} that belong to the incident, and its timeline. A build belongs when one of its
     * steps named the incident; or, unless its steps named only other incidents, when it was started by a build that
     * belongs (followed down the chain); or when it started a build that belongs (followed up the chain, never down
     * again from there, so that a nightly job's other checks stay out).
     *
     * @param self the key of the build whose page shows it (it is among the candidates)
     */
    public static IncidentBuilds of(final String incidentId, final String self, final Collection<Build> candidates) {
        Map<String, Build> byKey = new LinkedHashMap<>();
        for (Build build : candidates) {
            byKey.putIfAbsent(build.key(), build);
        }
        Map<String, Linked> linked = new LinkedHashMap<>();
        for (Build build : byKey.values()) {
            if (build.touches(incidentId)) {
                linked.put(build.key(), new Linked(build, Link.INCIDENT_ID, null));
            }
        }
        // down: builds started by one that belongs, until none is added
        boolean added = true;
        while (added) {
            added = false;
            for (Build build : byKey.values()) {
                if (linked.containsKey(build.key()) || (!build.events().isEmpty() && !build.touches(incidentId))) {
                    continue;
                }
                for (String up : build.upstream()) {
                    Linked parent = linked.get(up);
                    if (parent != null) {
                        linked.put(build.key(), new Linked(build, Link.STARTED_BY, parent.build()));
                        added = true;
                        break;
                    }
                }
            }
        }
        // up: the builds that started one that belongs, and theirs
        List<Linked> frontier = new ArrayList<>(linked.values());
        Set<String> seen = new LinkedHashSet<>(linked.keySet());
        while (!frontier.isEmpty()) {
            List<Linked> next = new ArrayList<>();
            for (Linked child : frontier) {
                for (String up : child.build().upstream()) {
                    Build parent = byKey.get(up);
                    if (parent != null && seen.add(up)) {
                        Linked starter = new Linked(parent, Link.STARTED, child.build());
                        linked.put(up, starter);
                        next.add(starter);
                    }
                }
            }
            frontier = next;
        }
        List<Linked> builds = linked.values().stream()
                .sorted(Comparator.comparingLong((Linked l) -> l.build().startedAt())
                        .thenComparing(l -> l.build().key()))
                .toList();
        List<Row> rows = new ArrayList<>();
        for (Linked one : builds) {
            Build via = one.via();
            String how = via == null ? one.link().words() : one.link().words() + " " + label(via);
            List<Event> mine = one.build().events().stream().filter(e -> e.incident().equals(incidentId)).toList();
            if (mine.isEmpty()) {
                rows.add(new Row(one.build().startedAt(), one.build(), "linked build", null, how));
            }
            for (Event event : mine) {
                rows.add(new Row(event.at(), one.build(), IncidentTimeline.loopOf(event.event()), event.event(),
                        how));
            }
        }
        // stable: a build's events keep their order at the same instant
        rows.sort(Comparator.comparingLong(Row::at));
        return new IncidentBuilds(incidentId, self, builds, rows);
    }

    /** A build as people name it: {@code retrain #7}. */
    public static String label(final Build build) {
        return build.job() + " #" + build.number();
    }

    /**
     * The timeline as an HTML table, every text escaped, each build a link under {@code rootUrl} (the way to Jenkins'
     * root: {@link #relativeRoot}, or a context path such as {@code /jenkins}); this page's build is marked. No
     * script.
     */
    public String toHtml(@CheckForNull final String rootUrl) {
        String root = rootUrl == null ? "" : rootUrl.endsWith("/") ? rootUrl.substring(0, rootUrl.length() - 1)
                : rootUrl;
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"mlstages-incident-timeline\" id=\"incident-").append(Html.escape(incidentId))
                .append("\"><p>Incident <b>").append(Html.escape(incidentId)).append("</b> across ")
                .append(builds.size()).append(builds.size() == 1 ? " build" : " builds").append(": ");
        List<String> chain = new ArrayList<>();
        for (Linked one : builds) {
            chain.add(link(root, one.build()));
        }
        html.append(String.join(" &#8594; ", chain)).append("</p>");
        html.append("<table><tr><th>when</th><th>build</th><th>loop</th><th>event</th><th>tied by</th></tr>");
        for (Row row : rows) {
            html.append("<tr><td>").append(Html.escape(when(row.at()))).append("</td><td>")
                    .append(link(root, row.build())).append("</td><td>").append(Html.escape(row.loop()))
                    .append("</td><td>").append(row.event() == null ? "" : Html.escape(row.event()))
                    .append("</td><td>").append(Html.escape(row.how())).append("</td></tr>");
        }
        return html.append("</table></div>").toString();
    }

    private String link(final String root, final Build build) {
        String text = Html.escape(label(build));
        String shown = isRelative(build.url())
                ? "<a href=\"" + Html.escape(root + "/" + build.url()) + "\">" + text + "</a>" : text;
        return build.key().equals(self) ? "<b>" + shown + " (this build)</b>" : shown;
    }

    /** A Jenkins build URL is relative to the root ({@code job/x/1/}): anything else (a scheme, {@code //}) is no link. */
    private static boolean isRelative(final String url) {
        return url.startsWith("job/") && !url.contains(":") && !url.contains("//");
    }

    private static String when(final long at) {
        return Instant.ofEpochMilli(at).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
