package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.mlstages.steps.TrendChart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The job page's drift trend: the drift share of the last builds that checked for drift, as a chart drawn on the
 * server (no script: Jenkins may enforce a Content-Security-Policy) and as a small table.
 */
public class DriftTrendAction implements Action {
    /** How many builds the trend looks back at. */
    static final int BUILDS = 20;
    /** The engine's default drift share, for the chart's line when no report says otherwise. */
    private static final double DEFAULT_THRESHOLD = 0.5;

    private final Job<?, ?> job;

    DriftTrendAction(final Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    @CheckForNull
    public String getIconFileName() {
        return null; // the trend is a box on the job page, not a page of its own
    }

    @Override
    public String getDisplayName() {
        return Messages.DriftTrendAction_DisplayName();
    }

    @Override
    @CheckForNull
    public String getUrlName() {
        return null;
    }

    /** One build's row: the first drift check of each of the last builds, newest first. */
    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> build = job.getLastBuild(); build != null && seen < BUILDS; build = build.getPreviousBuild()) {
            seen++;
            DriftAction action = build.getAction(DriftAction.class);
            if (action != null) {
                rows.add(new Row(build, action));
            }
        }
        return rows;
    }

    /** The chart as an SVG element; TrendChart escapes every text in it, so the view prints it as markup. */
    public String getSvg() {
        List<Row> rows = getRows();
        if (rows.isEmpty()) {
            return "";
        }
        List<TrendChart.Point> points = new ArrayList<>();
        Double threshold = null;
        for (Row row : rows) {
            points.add(new TrendChart.Point(row.getLabel(), row.action.getDriftShare(), row.action.isDatasetDrift()));
            if (threshold == null) {
                threshold = row.action.getThreshold();
            }
        }
        Collections.reverse(points); // oldest first
        return TrendChart.svg(points, threshold == null ? DEFAULT_THRESHOLD : threshold);
    }

    /** One build in the trend table. */
    public static final class Row {
        private final Run<?, ?> build;
        private final DriftAction action;

        Row(final Run<?, ?> build, final DriftAction action) {
            this.build = build;
            this.action = action;
        }

        public String getLabel() {
            return build.getDisplayName();
        }

        /** The report page, relative to the Jenkins root. */
        public String getUrl() {
            return build.getUrl() + action.getUrlName() + "/";
        }

        public String getDriftSharePercent() {
            return action.getDriftSharePercent();
        }

        public boolean isDatasetDrift() {
            return action.isDatasetDrift();
        }

        @CheckForNull
        public String getIncidentId() {
            return action.getIncidentId();
        }

        @CheckForNull
        public String getStage() {
            return action.getStage();
        }
    }
}
