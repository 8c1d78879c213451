package io.jenkins.plugins.mlstages;

import hudson.model.Cause;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.mlstages.steps.IncidentBuilds;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;

/**
 * The incidents a build's steps touched, and their timeline across the builds of the loop on the build page and on
 * its own page. The build keeps only what its steps' results said (incident id, event kind, when, which step); which
 * other builds belong and how the timeline reads is decided by {@link IncidentBuilds}. This class only collects the
 * candidate builds: the last {@value #BUILDS_PER_JOB} builds of each job the viewer may read, started at most
 * {@value #WINDOW_DAYS} days before this one or after it (by the time they were scheduled), with their upstream causes. Fields are JDK and plugin types
 * only (saved in build.xml).
 */
public class IncidentAction implements RunAction2 {
    /** How many of a job's latest builds are candidates. */
    static final int BUILDS_PER_JOB = 50;
    /** How far before this build a candidate may have started, in days. */
    static final int WINDOW_DAYS = 30;
    private static final long WINDOW = WINDOW_DAYS * 24L * 3600 * 1000;

    private final ArrayList<Recorded> events = new ArrayList<>();

    private transient Run<?, ?> run;

    IncidentAction() {
    }

    /** One incident event of a step, as build.xml keeps it. */
    public static final class Recorded implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String incident;
        private final String event;
        private final long at;
        private final String step;

        Recorded(final IncidentBuilds.Event event) {
            this.incident = event.incident();
            this.event = event.event();
            this.at = event.at();
            this.step = event.step();
        }

        IncidentBuilds.Event toEvent() {
            return new IncidentBuilds.Event(incident, event, at, step);
        }
    }

    /**
     * Adds what a finished step did to an incident (its result's {@code incidentId} and {@code incidentEvents}) to the
     * build's action, creating it on the first such step.
     */
    static void record(final Run<?, ?> run, final String step, final Map<String, Object> result) throws IOException {
        List<IncidentBuilds.Event> found = IncidentBuilds.eventsOf(step, result, System.currentTimeMillis());
        if (found.isEmpty()) {
            return;
        }
        synchronized (IncidentAction.class) {
            IncidentAction action = run.getAction(IncidentAction.class);
            if (action == null) {
                action = new IncidentAction();
                run.addAction(action);
            }
            for (IncidentBuilds.Event event : found) {
                action.events.add(new Recorded(event));
            }
        }
        run.save();
    }

    @Override
    public void onAttached(final Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(final Run<?, ?> r) {
        this.run = r;
    }

    /** The build this belongs to. */
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-warning";
    }

    @Override
    public String getDisplayName() {
        return Messages.IncidentAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "mlstages-incidents";
    }

    /** The incidents this build's steps touched, each once. */
    public List<String> getIncidents() {
        return IncidentBuilds.incidentsOf(self(List.of()));
    }

    /** The timelines for the build page (links relative to the build's page). */
    public String getSummaryHtml() {
        return html(0);
    }

    /** The timelines for the action's own page, one level below the build's. */
    public String getPageHtml() {
        return html(1);
    }

    private String html(final int below) {
        Run<?, ?> owner = run;
        if (owner == null) {
            return "";
        }
        List<IncidentBuilds.Build> candidates = candidates(owner);
        String key = IncidentBuilds.key(jobName(owner), owner.getNumber());
        String root = IncidentBuilds.relativeRoot(owner.getUrl(), below);
        StringBuilder html = new StringBuilder();
        for (String incident : getIncidents()) {
            html.append(IncidentBuilds.of(incident, key, candidates).toHtml(root));
        }
        return html.toString();
    }

    private List<IncidentBuilds.Build> candidates(final Run<?, ?> owner) {
        // only the jobs the viewer may read (allItems checks Item.READ), so the page names no build it may not see
        @SuppressWarnings("rawtypes") // Job.class is raw: allItems yields Job
        Iterable<Job> jobs = Jenkins.get().allItems(Job.class);
        List<IncidentBuilds.Build> candidates = new ArrayList<>();
        candidates.add(self(upstream(owner)));
        for (Job<?, ?> job : jobs) {
            int seen = 0;
            for (Run<?, ?> build : job.getBuilds()) {
                if (seen == BUILDS_PER_JOB || when(build) < when(owner) - WINDOW) {
                    break;
                }
                seen++;
                if (build != owner) {
                    candidates.add(facts(build));
                }
            }
        }
        return candidates;
    }

    private IncidentBuilds.Build self(final List<String> upstream) {
        Run<?, ?> owner = run;
        List<IncidentBuilds.Event> mine = recorded();
        if (owner == null) {
            return new IncidentBuilds.Build("", "", 0, "", 0, upstream, mine);
        }
        return new IncidentBuilds.Build(IncidentBuilds.key(jobName(owner), owner.getNumber()),
                jobName(owner), owner.getNumber(), owner.getUrl(), when(owner),
                upstream, mine);
    }

    private static IncidentBuilds.Build facts(final Run<?, ?> build) {
        IncidentAction action = build.getAction(IncidentAction.class);
        List<IncidentBuilds.Event> recorded = action == null ? List.of() : action.recorded();
        String job = jobName(build);
        return new IncidentBuilds.Build(IncidentBuilds.key(job, build.getNumber()), job, build.getNumber(),
                build.getUrl(), when(build), upstream(build), recorded);
    }

    /** The full name of a build's job (through {@link Item}, as an upstream cause names it). */
    private static String jobName(final Run<?, ?> build) {
        Item job = build.getParent();
        return job.getFullName();
    }

    /** When a build was scheduled, milliseconds since the epoch. */
    private static long when(final Run<?, ?> build) {
        return build.getTimestamp().getTimeInMillis();
    }

    /** The builds that started this one, as keys, from its upstream causes. */
    private static List<String> upstream(final Run<?, ?> build) {
        List<String> keys = new ArrayList<>();
        for (Cause cause : build.getCauses()) {
            if (cause instanceof Cause.UpstreamCause up) {
                keys.add(IncidentBuilds.key(up.getUpstreamProject(), up.getUpstreamBuild()));
            }
        }
        return keys;
    }

    /** The events as recorded, copied under the lock that {@link #record} adds them under. */
    private List<IncidentBuilds.Event> recorded() {
        synchronized (IncidentAction.class) {
            return events.stream().map(Recorded::toEvent).toList();
        }
    }
}
