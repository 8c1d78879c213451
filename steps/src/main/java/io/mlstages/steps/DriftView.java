package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.BadRowsLog;
import io.mlstages.model.CheckReport;
import io.mlstages.model.ColumnVerdict;
import io.mlstages.model.DriftReportDocument;
import io.mlstages.model.ReportFormatException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A drift report as the build page shows it, read from the report JSON that {@code mlstages check} or
 * {@code mlstages drift} wrote. Numbers are formatted here (tested), so that the Jelly views only print strings.
 *
 * @param datasetDrift whether the dataset drifted
 * @param driftShare   the share of drifted feature columns
 * @param threshold    the share that makes dataset drift
 * @param reference    what was compared with (a path or model@alias)
 * @param current      the current data
 * @param referenceRows rows in the reference
 * @param currentRows  rows in the current data
 * @param columns      every column, drifted ones first, then by score
 * @param badRowsTotal the malformed rows that reading skipped ({@code onBadRows: 'skip'}), 0 when none
 * @param badRows      the first of them as {@code file:line[:column]: problem}, as the report lists them
 * @param falseAlarms  one line on the false-alarm control and rate ({@link FalseAlarmsNote}), empty when the report
 *                     has none
 * @param constraints  the current data's constraint checks (none when the schema had no constraints)
 * @param segments     the segments, worst first ({@code segments}); empty when the check did not run per segment
 * @param multivariate the domain classifier's verdict ({@code multivariate: true}), or null when not run
 * @param estimate     one line on the performance estimated without labels ({@code referenceLabelled}), empty
 *                     when the check estimated nothing
 */
public record DriftView(boolean datasetDrift, double driftShare, double threshold, String reference, String current,
        long referenceRows, long currentRows, List<Column> columns, long badRowsTotal, List<String> badRows,
        String falseAlarms, ConstraintsView constraints, List<SegmentView> segments,
        @CheckForNull MultivariateView multivariate, String estimate) {

    /**
     * One column's row of the report.
     *
     * @param name                 the column
     * @param type                 numeric, categorical or boolean
     * @param role                 feature, target, prediction or identifier
     * @param method               the statistic
     * @param score                its value, formatted
     * @param threshold            the effect-size floor, formatted
     * @param pValue               the p-value formatted, or empty when the method has none
     * @param drift                whether the column drifted
     * @param referenceMissingRate formatted as a percentage
     * @param currentMissingRate   formatted as a percentage
     * @param note                 a remark (e.g. pooled categories), or empty
     */
    public record Column(String name, String type, String role, String method, String score, String threshold,
            String pValue, boolean drift, String referenceMissingRate, String currentMissingRate, String note) {
    }

    public DriftView {
        columns = List.copyOf(columns);
        badRows = List.copyOf(badRows);
        falseAlarms = falseAlarms == null ? "" : falseAlarms;
        constraints = constraints == null ? ConstraintsView.none() : constraints;
        segments = segments == null ? List.of() : List.copyOf(segments);
        estimate = estimate == null ? "" : estimate;
    }

    /** A view without an estimate. */
    public DriftView(final boolean datasetDrift, final double driftShare, final double threshold,
            final String reference, final String current, final long referenceRows, final long currentRows,
            final List<Column> columns, final long badRowsTotal, final List<String> badRows, final String falseAlarms,
            final ConstraintsView constraints, final List<SegmentView> segments,
            @CheckForNull final MultivariateView multivariate) {
        this(datasetDrift, driftShare, threshold, reference, current, referenceRows, currentRows, columns,
                badRowsTotal, badRows, falseAlarms, constraints, segments, multivariate, "");
    }

    /** A view of the per-column check alone (no false-alarm line, constraints, segments or classifier). */
    public DriftView(final boolean datasetDrift, final double driftShare, final double threshold,
            final String reference, final String current, final long referenceRows, final long currentRows,
            final List<Column> columns, final long badRowsTotal, final List<String> badRows) {
        this(datasetDrift, driftShare, threshold, reference, current, referenceRows, currentRows, columns,
                badRowsTotal, badRows, "", ConstraintsView.none(), List.of(), null, "");
    }

    /** One line for the build page's summary about the segments; empty when the check did not run per segment. */
    public String segmentsNote() {
        return SegmentView.note(segments);
    }

    /** The domain classifier's line for the build page; empty when it did not run. */
    public String multivariateNote() {
        return multivariate == null ? "" : multivariate.summary();
    }

    /**
     * One line for the build page's summary: how many rows were skipped and the first, e.g. {@code Skipped 2
     * malformed rows (onBadRows 'skip'); the first: data.csv:40:age: ...}; empty when none were.
     */
    public String badRowsNote() {
        if (badRowsTotal == 0) {
            return "";
        }
        return "Skipped " + badRowsTotal + (badRowsTotal == 1 ? " malformed row" : " malformed rows")
                + " (onBadRows 'skip')" + (badRows.isEmpty() ? "" : "; the first: " + badRows.get(0));
    }

    /**
     * Reads a drift report JSON.
     *
     * @param json   the content
     * @param source its file name, for errors
     * @throws StepException naming the source and the field when it is not a drift report
     */
    public static DriftView parse(@CheckForNull final String json, final String source) {
        CheckReport report;
        try {
            // a check's report is a drift report with more fields: the estimate is one of them
            report = CheckReport.read(json, source);
        }
        catch (ReportFormatException e) {
            throw new StepException(e.getMessage(), e);
        }
        DriftView view = of(report.report());
        return new DriftView(view.datasetDrift, view.driftShare, view.threshold, view.reference, view.current,
                view.referenceRows, view.currentRows, view.columns, view.badRowsTotal, view.badRows,
                view.falseAlarms, view.constraints, view.segments, view.multivariate,
                EstimateNote.of(report.estimate()));
    }

    /** The view of a drift report as the model reads it. */
    public static DriftView of(final DriftReportDocument report) {
        List<Scored> scored = new ArrayList<>();
        for (ColumnVerdict c : report.columns()) {
            scored.add(new Scored(c.score(), new Column(c.name(), text(c.type()), text(c.role()), text(c.method()),
                    format(c.score()), format(c.threshold()), c.pValue() == null ? "" : format(c.pValue()), c.drift(),
                    percent(c.referenceMissingRate()), percent(c.currentMissingRate()), text(c.note()))));
        }
        // drifted columns first, then by score (an undefined score last), the report's order among equals
        scored.sort(Comparator.comparing((Scored c) -> !c.column().drift())
                .thenComparing(c -> Double.isNaN(c.score()) ? Double.NEGATIVE_INFINITY : c.score(),
                        Comparator.reverseOrder()));
        BadRowsLog bad = report.badRows() == null ? new BadRowsLog(0, List.of()) : report.badRows();
        // as the text report writes them; the views escape them
        return new DriftView(report.datasetDrift(), report.driftShare(), report.driftShareThreshold(),
                text(report.reference()), text(report.current()), report.referenceRows(), report.currentRows(),
                scored.stream().map(Scored::column).toList(), bad.total(),
                bad.rows().stream().map(BadRowsLog.Row::label).toList(), FalseAlarmsNote.of(report.falseAlarms()),
                ConstraintsView.of(report.constraints()), SegmentView.of(report.segments()),
                MultivariateView.of(report.multivariate()));
    }

    private static String text(@CheckForNull final String value) {
        return value == null ? "" : value;
    }

    /** The drifted columns, highest score first, at most {@code n}. */
    public List<Column> topDrifted(final int n) {
        return columns.stream().filter(Column::drift).limit(Math.max(0, n)).toList();
    }

    /** The drift share as a percentage, e.g. {@code 60%}. */
    public String driftSharePercent() {
        return Double.isFinite(driftShare) ? Math.round(driftShare * 100) + "%" : "n/a";
    }

    /** The threshold as a percentage, e.g. {@code 50%}. */
    public String thresholdPercent() {
        return Double.isFinite(threshold) ? Math.round(threshold * 100) + "%" : "n/a";
    }

    /**
     * A statistic for people: four significant digits ({@code 0.4223}, {@code 12.35}), very small values in
     * scientific notation ({@code 9.72e-29}), {@code n/a} when undefined. Always with a dot, whatever the locale.
     */
    static String format(final double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) < 1e-3) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    /** A rate as a percentage with at most one decimal; a rate above zero never shows as {@code 0%}. */
    static String percent(final double rate) {
        if (!Double.isFinite(rate)) {
            return "n/a";
        }
        double percent = rate * 100;
        if (percent > 0 && percent < 0.05) {
            return "<0.1%";
        }
        return new BigDecimal(percent).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%";
    }

    private record Scored(double score, Column column) {
    }
}
