package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import static io.mlstages.model.Html.escape;

import io.mlstages.MlStagesException;
import io.mlstages.data.BadRows;
import io.mlstages.data.ColumnType;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;
import io.mlstages.io.AtomicFiles;
import io.mlstages.profile.CategorySummary;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.NumericSummary;
import io.mlstages.profile.Profile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The HTML form of a {@link DriftReport}: one self-contained page with the verdict (and the incident, when there is
 * one) on top, then one section per column, most drifted first, each with an SVG histogram of the reference
 * against the current data and every figure of the comparison.
 *
 * <p>The page is built to render under Jenkins' Content-Security-Policy for archived files
 * ({@code sandbox; default-src 'none'; img-src 'self'; style-src 'self';}): it has no JavaScript, no event
 * handler attributes, no external file and no {@code style} attribute. Its look comes from one {@code <style>}
 * element, which a strict policy may block; the page then stays readable because its structure is plain headings,
 * tables and SVG whose colours are presentation attributes (which a policy does not block). The page also
 * carries its own policy in a {@code <meta>} element that allows nothing but that one style element (by its
 * hash, {@link #STYLE_HASH}), so even opened from disk it can run nothing.</p>
 *
 * <p>Every string from data (column names, category values, file names, notes, the incident's fields) goes
 * through {@link #escape}.</p>
 */
public final class DriftHtml {
    /** Numeric histograms use this many equal-width bins. */
    static final int NUMERIC_BINS = 20;
    /** Categorical charts show at most this many categories, the rest pooled into "other". */
    static final int MAX_CATEGORIES = 12;
    /** The tails outside these ranks (of either side) go into the end bins, so one outlier cannot flatten a chart. */
    private static final double TAIL = 0.005;

    private static final String REFERENCE_FILL = "#4c78a8";
    private static final String CURRENT_FILL = "#f58518";
    private static final int CHART_WIDTH = 640;
    private static final int MAX_LABEL = 24;

    /** The whole look of the page. Constant, so that a policy can allow it by its hash. */
    static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:60rem;"
                    + "padding:1rem 1.5rem;color:#1b1f24;background:#fff;line-height:1.4}",
            "h1{font-size:1.5rem;margin:.5rem 0}",
            "h2{font-size:1.15rem;margin:0 0 .5rem;word-break:break-all}",
            ".verdict{padding:.75rem 1rem;border-radius:6px;border:1px solid;margin:1rem 0}",
            ".verdict.drift{background:#fdecea;border-color:#d93025}",
            ".verdict.clean{background:#e6f4ea;border-color:#1e8e3e}",
            ".verdict p{margin:.25rem 0}",
            ".incident{padding:.5rem 1rem;border-left:4px solid #b06000;background:#fef7e0;margin:1rem 0}",
            "table{border-collapse:collapse;margin:.5rem 0}",
            "th,td{text-align:left;padding:.2rem .6rem;border-bottom:1px solid #dde1e6;vertical-align:top}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "section.column{border:1px solid #dde1e6;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}",
            "section.column.drifted{border-color:#d93025;border-left-width:6px}",
            ".badge{display:inline-block;font-size:.8rem;font-weight:600;padding:0 .4rem;border-radius:3px;"
                    + "margin-right:.5rem;vertical-align:middle}",
            ".badge.drift{background:#d93025;color:#fff}",
            ".badge.ok{background:#1e8e3e;color:#fff}",
            ".badge.other{background:#5f6368;color:#fff}",
            ".note{color:#5f6368}",
            "svg{display:block;max-width:100%;height:auto}",
            "footer{color:#5f6368;font-size:.85rem;margin-top:2rem}");

    /** The CSP source expression that allows {@link #STYLE} and nothing else: {@code 'sha256-…'}. */
    public static final String STYLE_HASH = "'sha256-" + sha256Base64(STYLE) + "'";

    /** The policy the page declares for itself: no script, no request, only its own style element. */
    static final String OWN_POLICY = "default-src 'none'; style-src " + STYLE_HASH + "; img-src 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private DriftHtml() {
    }

    /**
     * The incident a drift check opened or joined, shown on top of the report. A record of plain strings so that
     * reports do not depend on the incident store.
     *
     * @param id       the incident's id
     * @param stage    its stage (open, retraining, mitigated, resolved)
     * @param severity its severity
     * @param detail   one line of explanation, or null
     */
    public record Incident(String id, String stage, String severity, String detail) {
        public Incident {
            Objects.requireNonNull(id, "incident id");
            Objects.requireNonNull(stage, "stage of incident " + id);
            Objects.requireNonNull(severity, "severity of incident " + id);
        }
    }

    /**
     * Writes the page to a file, atomically.
     *
     * @param reference the reference profile, for the histograms; null to leave them out
     * @param current   the current profile, for the histograms; null to leave them out
     * @param incident  the incident to show on top, or null
     * @throws MlStagesException naming the file when it cannot be written
     */
    public static void write(final DriftReport report, final Profile reference, final Profile current,
            final Path file, @CheckForNull final Incident incident) {
        AtomicFiles.write(file, toHtml(report, reference, current, incident));
    }

    /**
     * As {@link #write(DriftReport, Profile, Profile, Path, Incident)} with a check's performance estimate, shown
     * before the columns.
     *
     * @param estimate          the estimate, or null
     * @param estimateReference the labelled reference file it was calibrated on
     */
    public static void write(final DriftReport report, final Profile reference, final Profile current,
            final Path file, @CheckForNull final Incident incident,
            @CheckForNull final io.mlstages.estimate.PerformanceEstimate estimate, final String estimateReference) {
        AtomicFiles.write(file, toHtml(report, reference, current, incident, estimate, estimateReference));
    }

    /** As {@link #write(DriftReport, Profile, Profile, Path, Incident)} without an incident. */
    public static void write(final DriftReport report, final Profile reference, final Profile current,
            final Path file) {
        write(report, reference, current, file, null);
    }

    /**
     * The page as text.
     *
     * @param reference the reference profile, for the histograms; null to leave them out
     * @param current   the current profile, for the histograms; null to leave them out
     * @param incident  the incident to show on top, or null
     */
    public static String toHtml(final DriftReport report, final Profile reference, final Profile current,
            @CheckForNull final Incident incident) {
        return toHtml(report, reference, current, incident, null, "");
    }

    /** As {@link #toHtml(DriftReport, Profile, Profile, Incident)} with a check's performance estimate. */
    public static String toHtml(final DriftReport report, final Profile reference, final Profile current,
            @CheckForNull final Incident incident,
            @CheckForNull final io.mlstages.estimate.PerformanceEstimate estimate, final String estimateReference) {
        Objects.requireNonNull(report, "report");
        StringBuilder html = new StringBuilder(16_384);
        String verdict = headline(report);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(escape(OWN_POLICY))
                .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(verdict).append(" · ML Stages drift report</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<header>\n<h1>Drift report</h1>\n");
        verdict(html, report, verdict);
        if (incident != null) {
            incident(html, incident);
        }
        html.append("</header>\n<main>\n");
        EstimateReport.html(html, estimate, estimateReference);
        SegmentReports.html(html, report);
        List<ColumnDrift> columns = ordered(report.columns());
        summary(html, columns);
        FalseAlarmsReport.html(html, report.falseAlarms());
        MultivariateReport.html(html, report);
        badRows(html, report.badRows());
        ConstraintReport.html(html, report.constraints());
        for (int i = 0; i < columns.size(); i++) {
            column(html, columns.get(i), i + 1, profileColumn(reference, columns.get(i)),
                    profileColumn(current, columns.get(i)));
        }
        html.append("</main>\n<footer><p>Written by ML Stages. A column drifts when its change is significant "
                + "(p-value below alpha, where a test applies) and its score reaches the threshold; the dataset "
                + "drifts when the share of drifted feature columns reaches the drift-share threshold. Histograms "
                + "show shares of the non-missing values.</p></footer>\n</body>\n</html>\n");
        return html.toString();
    }



    /**
     * The page's headline: the dataset verdict, and violated constraints named too, since they are a finding
     * without drift and "No dataset drift" alone would read as a clean check.
     */
    static String headline(final DriftReport report) {
        String drift = report.datasetDrift() ? "Dataset drift" + SegmentReports.headline(report) : "No dataset drift";
        if (!report.constraints().violated()) {
            return drift;
        }
        return (report.datasetDrift() ? drift + ", constraints violated" : "Constraints violated, no dataset drift");
    }

    /** Drifted columns first, then by how close the score came to its threshold; identifiers last. */
    static List<ColumnDrift> ordered(final List<ColumnDrift> columns) {
        Comparator<ColumnDrift> order = Comparator
                .comparing((ColumnDrift c) -> c.role() == Role.IDENTIFIER)
                .thenComparing(c -> !c.drift())
                .thenComparing(Comparator.comparingDouble(DriftHtml::relativeScore).reversed());
        List<ColumnDrift> sorted = new ArrayList<>(columns);
        sorted.sort(order);
        return sorted;
    }

    /** The score as a multiple of its threshold; columns without a score sort last. */
    private static double relativeScore(final ColumnDrift column) {
        if (Double.isNaN(column.score())) {
            return Double.NEGATIVE_INFINITY;
        }
        return column.threshold() > 0 ? column.score() / column.threshold() : column.score();
    }

    private static void verdict(final StringBuilder html, final DriftReport report, final String verdict) {
        long features = report.columns().stream().filter(c -> c.role() == Role.FEATURE).count();
        long drifted = report.columns().stream().filter(c -> c.role() == Role.FEATURE && c.drift()).count();
        html.append("<div class=\"verdict ").append(report.finding() ? "drift" : "clean")
                .append("\" id=\"verdict\">\n<p><strong id=\"verdict-text\">").append(verdict)
                .append("</strong>: ").append(drifted).append(" of ").append(features)
                .append(" feature columns drifted (share ").append(DriftTable.format(report.driftShare()))
                .append(", threshold ").append(DriftTable.format(report.driftShareThreshold())).append(").</p>\n")
                .append("<table>\n<tr><th scope=\"row\">Reference</th><td>").append(escape(report.reference()))
                .append("</td><td class=\"num\">").append(report.referenceRows()).append(" rows</td></tr>\n")
                .append("<tr><th scope=\"row\">Current</th><td>").append(escape(report.current()))
                .append("</td><td class=\"num\">").append(report.currentRows()).append(" rows</td></tr>\n")
                .append("</table>\n</div>\n");
    }

    private static void incident(final StringBuilder html, final Incident incident) {
        html.append("<div class=\"incident\" id=\"incident\">\n<p><strong>Incident ")
                .append(escape(incident.id())).append("</strong>: stage <strong>").append(escape(incident.stage()))
                .append("</strong>, severity <strong>").append(escape(incident.severity())).append("</strong></p>\n");
        if (incident.detail() != null) {
            html.append("<p>").append(escape(incident.detail())).append("</p>\n");
        }
        html.append("</div>\n");
    }

    /** The rows that reading skipped, when it did: where and why, as many as the log kept. */
    private static void badRows(final StringBuilder html, final BadRows bad) {
        if (!bad.any()) {
            return;
        }
        html.append("<h2>Skipped rows</h2>\n<p id=\"bad-rows-total\">").append(bad.total())
                .append(bad.total() == 1 ? " malformed row was" : " malformed rows were")
                .append(" skipped (--on-bad-rows skip)")
                .append(bad.unlisted() > 0 ? "; the first " + bad.rows().size() + " are listed" : "")
                .append(".</p>\n<table id=\"bad-rows\">\n<thead><tr><th>File</th><th>Line</th><th>Column</th>"
                        + "<th>Problem</th></tr></thead>\n<tbody>\n");
        for (BadRows.Row row : bad.rows()) {
            html.append("<tr><td>").append(escape(row.file())).append("</td><td class=\"num\">").append(row.line())
                    .append("</td><td>").append(row.column() == null ? "" : escape(row.column())).append("</td><td>")
                    .append(escape(row.problem())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** One row per column, linking to its section: the whole verdict at a glance. */
    private static void summary(final StringBuilder html, final List<ColumnDrift> columns) {
        html.append("<h2>Columns</h2>\n<table id=\"summary\">\n<thead><tr><th>Column</th><th>Verdict</th>"
                + "<th>Method</th><th>Score</th><th>Threshold</th><th>p-value</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < columns.size(); i++) {
            ColumnDrift column = columns.get(i);
            html.append("<tr><td><a href=\"#col-").append(i + 1).append("\">").append(escape(column.name()))
                    .append("</a></td><td>").append(verdictWord(column)).append("</td><td>")
                    .append(escape(column.method().label())).append("</td><td class=\"num\">")
                    .append(DriftTable.format(column.score())).append("</td><td class=\"num\">")
                    .append(DriftTable.format(column.threshold())).append("</td><td class=\"num\">")
                    .append(DriftTable.formatP(column.pValue(), "-"))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String verdictWord(final ColumnDrift column) {
        if (column.role() == Role.IDENTIFIER) {
            return "not compared (identifier)";
        }
        if (column.drift()) {
            return "DRIFT" + DriftTable.signals(column, " (missing rate)", " (non-finite values)");
        }
        return column.significant() ? "change below threshold" : "ok";
    }

    private static void column(final StringBuilder html, final ColumnDrift column, final int index,
            @CheckForNull final ColumnProfile reference, @CheckForNull final ColumnProfile current) {
        String badge = column.drift() ? "drift" : column.role() == Role.IDENTIFIER ? "other" : "ok";
        html.append("<section class=\"column").append(column.drift() ? " drifted" : "").append("\" id=\"col-")
                .append(index).append("\">\n<h2><span class=\"badge ").append(badge).append("\">")
                .append(column.drift() ? "DRIFT" : column.role() == Role.IDENTIFIER ? "ID" : "OK")
                .append("</span> <span class=\"name\">").append(escape(column.name())).append("</span></h2>\n");
        html.append("<table class=\"figures\">\n");
        row(html, "Verdict", verdictWord(column));
        row(html, "Type", column.type().label()
                + (column.role() == Role.FEATURE ? "" : ", " + column.role().name().toLowerCase(Locale.ROOT)));
        row(html, "Method", escape(column.method().label()) + (column.exact() ? "" : " (from quantile sketches)"));
        row(html, "Score", DriftTable.format(column.score()));
        row(html, "Threshold", DriftTable.format(column.threshold()));
        row(html, "p-value", column.pValue() == null ? "none (no test applies)"
                : DriftTable.formatP(column.pValue(), "") + " (alpha " + DriftTable.format(column.alpha()) + ")");
        row(html, "Missing rate", DriftTable.percent(column.referenceMissingRate()) + " → "
                + DriftTable.percent(column.currentMissingRate()) + (column.missingDrift() ? " (drifted)" : ""));
        if (!Double.isNaN(column.referenceNonFiniteRate())) {
            row(html, "Non-finite share", DriftTable.percent(column.referenceNonFiniteRate()) + " → "
                    + DriftTable.percent(column.currentNonFiniteRate()) + " (NaN, +Infinity, -Infinity)"
                    + (column.nonFiniteDrift() ? " (drifted)" : ""));
        }
        row(html, "Values", column.referenceCount() + " reference, " + column.currentCount() + " current");
        if (column.note() != null) {
            row(html, "Note", "<span class=\"note\">" + escape(column.note()) + "</span>");
        }
        html.append("</table>\n");
        String chart = column.role() == Role.IDENTIFIER ? null : chart(column, reference, current);
        if (chart != null) {
            html.append(chart);
        }
        else if (column.role() != Role.IDENTIFIER) {
            html.append("<p class=\"note\">No histogram: the column is not in both profiles with the same type, "
                    + "or one side has no values.</p>\n");
        }
        html.append("</section>\n");
    }

    private static void row(final StringBuilder html, final String name, final String safeValue) {
        html.append("<tr><th scope=\"row\">").append(name).append("</th><td>").append(safeValue)
                .append("</td></tr>\n");
    }

    @CheckForNull
    private static ColumnProfile profileColumn(@CheckForNull final Profile profile, final ColumnDrift column) {
        return profile == null ? null : profile.column(column.name()).orElse(null);
    }

    /** The column's chart, or null when the profiles cannot give one. */
    @CheckForNull
    private static String chart(final ColumnDrift column, @CheckForNull final ColumnProfile reference,
            @CheckForNull final ColumnProfile current) {
        if (reference == null || current == null || reference.type() != current.type()) {
            return null;
        }
        if (reference.type() == ColumnType.NUMERIC) {
            NumericBins bins = NumericBins.of(reference.numeric(), current.numeric());
            return bins == null ? null : numericChart(column.name(), bins);
        }
        List<CategoryShare> shares = categoryShares(reference.categories(), current.categories());
        return shares.isEmpty() ? null : categoryChart(column.name(), shares);
    }

    /**
     * Equal-width bins over the range both sides share, with the shares of each side's finite values per bin.
     *
     * @param edges     NUMERIC_BINS + 1 edges; the first bin also holds every value below edges[1], the last
     *                  every value above its lower edge (the tails beyond the range)
     * @param reference the reference's share per bin
     * @param current   the current data's share per bin
     * @param clipped   whether the range was narrowed to leave out far tails
     */
    record NumericBins(double[] edges, double[] reference, double[] current, boolean clipped) {

        /** The bins for two summaries, or null when either side has no finite values. */
        @CheckForNull
        static NumericBins of(@CheckForNull final NumericSummary reference,
                @CheckForNull final NumericSummary current) {
            if (reference == null || current == null || reference.finite() == 0 || current.finite() == 0) {
                return null;
            }
            double[] ranks = {TAIL, 1 - TAIL};
            double[] r = reference.quantiles(ranks);
            double[] c = current.quantiles(ranks);
            double low = Math.min(r[0], c[0]);
            double high = Math.max(r[1], c[1]);
            double min = Math.min(reference.min(), current.min());
            double max = Math.max(reference.max(), current.max());
            // Clip only when the tails would squeeze the body of the data into a few bins.
            boolean clipped = high > low && (high - low) * 2 < (max - min);
            if (!clipped) {
                low = min;
                high = max;
            }
            int bins = high > low ? NUMERIC_BINS : 1;
            double[] edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) {
                edges[i] = bins == 1 ? (i == 0 ? low : high) : low + (high - low) * i / bins;
            }
            edges[bins] = high;
            return new NumericBins(edges, shares(reference, edges), shares(current, edges), clipped);
        }

        /** Shares per bin from the CDF at the inner edges; the end bins take the tails. */
        private static double[] shares(final NumericSummary summary, final double[] edges) {
            int bins = edges.length - 1;
            double[] inner = new double[Math.max(0, bins - 1)];
            System.arraycopy(edges, 1, inner, 0, inner.length);
            double[] cdf = summary.cdf(inner);
            double[] shares = new double[bins];
            double previous = 0;
            for (int i = 0; i < bins; i++) {
                double upTo = i == bins - 1 ? 1 : cdf[i];
                shares[i] = Math.max(0, upTo - previous);
                previous = Math.max(previous, upTo);
            }
            return shares;
        }
    }

    /** A category (or "other") with its share on each side. */
    record CategoryShare(String value, boolean other, double reference, double current) {
    }

    /**
     * The categories of both sides as shares of each side's non-missing values, those with the largest share on
     * either side first, at most {@link #MAX_CATEGORIES}, then one "other" row for the rest.
     */
    static List<CategoryShare> categoryShares(@CheckForNull final CategorySummary reference,
            @CheckForNull final CategorySummary current) {
        if (reference == null || current == null || reference.total() == 0 || current.total() == 0) {
            return List.of();
        }
        Map<String, double[]> shares = new LinkedHashMap<>();
        for (CategorySummary.Count count : reference.top()) {
            shares.computeIfAbsent(count.value(), v -> new double[2])[0] = (double) count.count() / reference.total();
        }
        for (CategorySummary.Count count : current.top()) {
            shares.computeIfAbsent(count.value(), v -> new double[2])[1] = (double) count.count() / current.total();
        }
        List<Map.Entry<String, double[]>> entries = new ArrayList<>(shares.entrySet());
        entries.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> Math.max(e.getValue()[0],
                e.getValue()[1])).reversed().thenComparing(Map.Entry::getKey));
        List<CategoryShare> result = new ArrayList<>();
        double shownReference = 0;
        double shownCurrent = 0;
        for (Map.Entry<String, double[]> entry : entries.subList(0, Math.min(MAX_CATEGORIES, entries.size()))) {
            result.add(new CategoryShare(entry.getKey(), false, entry.getValue()[0], entry.getValue()[1]));
            shownReference += entry.getValue()[0];
            shownCurrent += entry.getValue()[1];
        }
        double otherReference = Math.max(0, 1 - shownReference);
        double otherCurrent = Math.max(0, 1 - shownCurrent);
        // Rounding leaves crumbs of 1e-16; only a real remainder earns an "other" row.
        if (otherReference > 1e-9 || otherCurrent > 1e-9) {
            result.add(new CategoryShare("other", true, otherReference, otherCurrent));
        }
        return result;
    }

    private static String numericChart(final String name, final NumericBins bins) {
        int left = 48;
        int right = 12;
        int top = 28;
        int plotHeight = 140;
        int height = top + plotHeight + 40;
        int plotWidth = CHART_WIDTH - left - right;
        int count = bins.reference().length;
        double max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, Math.max(bins.reference()[i], bins.current()[i]));
        }
        max = max > 0 ? max : 1;
        StringBuilder svg = new StringBuilder(4096);
        openSvg(svg, name, height, "Histogram of " + name + ": reference against current");
        legend(svg, left, 14);
        double slot = (double) plotWidth / count;
        double bar = Math.max(1, (slot - 2) / 2);
        for (int i = 0; i < count; i++) {
            double x = left + i * slot + 1;
            String label = binLabel(bins, i);
            bar(svg, x, top + plotHeight, bar, plotHeight * bins.reference()[i] / max, REFERENCE_FILL,
                    label + ": reference " + DriftTable.percent(bins.reference()[i]));
            bar(svg, x + bar, top + plotHeight, bar, plotHeight * bins.current()[i] / max, CURRENT_FILL,
                    label + ": current " + DriftTable.percent(bins.current()[i]));
        }
        axes(svg, left, top, plotWidth, plotHeight, max);
        int labelY = top + plotHeight + 16;
        double[] edges = bins.edges();
        text(svg, left, labelY, "start", (bins.clipped() ? "≤ " : "") + number(edges[0]));
        text(svg, left + plotWidth / 2.0, labelY, "middle", number((edges[0] + edges[edges.length - 1]) / 2));
        text(svg, left + plotWidth, labelY, "end", (bins.clipped() ? "≥ " : "") + number(edges[edges.length - 1]));
        if (bins.clipped()) {
            text(svg, left + plotWidth / 2.0, labelY + 16, "middle",
                    "the end bins also hold the outer 0.5% tails of either side");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String categoryChart(final String name, final List<CategoryShare> shares) {
        int left = 180;
        int right = 120;
        int top = 28;
        int rowHeight = 26;
        int plotWidth = CHART_WIDTH - left - right;
        int height = top + rowHeight * shares.size() + 8;
        double max = 0;
        for (CategoryShare share : shares) {
            max = Math.max(max, Math.max(share.reference(), share.current()));
        }
        max = max > 0 ? max : 1;
        StringBuilder svg = new StringBuilder(4096);
        openSvg(svg, name, height, "Category shares of " + name + ": reference against current");
        legend(svg, left, 14);
        for (int i = 0; i < shares.size(); i++) {
            CategoryShare share = shares.get(i);
            int y = top + i * rowHeight;
            String label = share.other() ? "(other values)" : share.value();
            svg.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\"><title>").append(escape(label))
                    .append("</title>").append(escape(shorten(label))).append("</text>\n");
            hbar(svg, left, y + 2, plotWidth * share.reference() / max, 10, REFERENCE_FILL,
                    label + ": reference " + DriftTable.percent(share.reference()));
            hbar(svg, left, y + 12, plotWidth * share.current() / max, 10, CURRENT_FILL,
                    label + ": current " + DriftTable.percent(share.current()));
            text(svg, left + plotWidth * Math.max(share.reference(), share.current()) / max + 4, y + 16, "start",
                    DriftTable.percent(share.reference()) + " → " + DriftTable.percent(share.current()));
        }
        svg.append("<line x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"").append(left)
                .append("\" y2=\"").append(height - 8).append("\" stroke=\"#5f6368\"/>\n</svg>\n");
        return svg.toString();
    }

    private static void openSvg(final StringBuilder svg, final String name, final int height, final String label) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(CHART_WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\">\n<title>")
                .append(escape(label)).append("</title>\n");
    }

    private static void legend(final StringBuilder svg, final int x, final int y) {
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" "
                + "fill=\"").append(REFERENCE_FILL).append("\"/>\n");
        text(svg, x + 14, y, "start", "reference");
        svg.append("<rect x=\"").append(x + 90).append("\" y=\"").append(y - 9).append("\" width=\"10\" "
                + "height=\"10\" fill=\"").append(CURRENT_FILL).append("\"/>\n");
        text(svg, x + 104, y, "start", "current");
    }

    private static void axes(final StringBuilder svg, final int left, final int top, final int width,
            final int height, final double max) {
        svg.append("<line x1=\"").append(left).append("\" y1=\"").append(top + height).append("\" x2=\"")
                .append(left + width).append("\" y2=\"").append(top + height).append("\" stroke=\"#5f6368\"/>\n")
                .append("<line x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"").append(left)
                .append("\" y2=\"").append(top + height).append("\" stroke=\"#5f6368\"/>\n");
        text(svg, left - 4, top + 4, "end", DriftTable.percent(max));
        text(svg, left - 4, top + height, "end", "0%");
    }

    private static void bar(final StringBuilder svg, final double x, final double baseline, final double width,
            final double height, final String fill, final String title) {
        svg.append("<rect x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(baseline - height))
                .append("\" width=\"").append(coordinate(width)).append("\" height=\"").append(coordinate(height))
                .append("\" fill=\"").append(fill).append("\"><title>").append(escape(title))
                .append("</title></rect>\n");
    }

    private static void hbar(final StringBuilder svg, final double x, final double y, final double width,
            final double height, final String fill, final String title) {
        svg.append("<rect x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y))
                .append("\" width=\"").append(coordinate(width)).append("\" height=\"").append(coordinate(height))
                .append("\" fill=\"").append(fill).append("\"><title>").append(escape(title))
                .append("</title></rect>\n");
    }

    private static void text(final StringBuilder svg, final double x, final double y, final String anchor,
            final String text) {
        svg.append("<text x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y))
                .append("\" text-anchor=\"").append(anchor).append("\" font-size=\"11\" fill=\"#3c4043\">")
                .append(escape(text)).append("</text>\n");
    }

    private static String binLabel(final NumericBins bins, final int i) {
        double[] edges = bins.edges();
        int last = edges.length - 2;
        if (bins.clipped() && i == 0) {
            return "≤ " + number(edges[1]);
        }
        if (bins.clipped() && i == last) {
            return "> " + number(edges[i]);
        }
        return (i == 0 ? "[" : "(") + number(edges[i]) + ", " + number(edges[i + 1]) + "]";
    }

    private static String coordinate(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A short, readable number for an axis: four significant digits. */
    static String number(final double value) {
        if (value == 0 || Double.isNaN(value)) {
            return Double.isNaN(value) ? "-" : "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6 || magnitude < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        String text = new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
        return text;
    }

    private static String shorten(final String label) {
        return label.codePointCount(0, label.length()) > MAX_LABEL
                ? label.substring(0, label.offsetByCodePoints(0, MAX_LABEL - 1)) + "…" : label;
    }

    private static String sha256Base64(final String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
