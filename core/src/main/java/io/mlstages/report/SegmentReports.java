package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.SegmentDrift;
import io.mlstages.model.Html;
import io.mlstages.model.SegmentVerdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The segments of a drift report ({@code --segment}) in each report form: JSON (the model's
 * {@link SegmentVerdict}), JUnit cases, HTML and text. A
 * segment's value is data: every form escapes it, and the text and HTML forms cut it to
 * {@value #MAX_VALUE_CHARS} characters (JSON keeps it whole, so that a script can match it).
 */
final class SegmentReports {
    /** The most characters of a segment's value a table or a test name shows. */
    static final int MAX_VALUE_CHARS = 60;

    private SegmentReports() {
    }

    /** How a segment is named in text: its column, '=' and its value, escaped and cut. */
    static String name(final SegmentDrift segment) {
        return Texts.shortened(segment.column(), MAX_VALUE_CHARS) + "="
                + Texts.shortened(segment.label(), MAX_VALUE_CHARS);
    }

    private static String verdict(final SegmentDrift segment) {
        return switch (segment.status()) {
            case COMPARED -> segment.datasetDrift() ? "DRIFT" : "ok";
            case TOO_FEW_ROWS -> "too few rows";
            case NOT_IN_REFERENCE -> "not in the reference";
        };
    }

    private static String drifted(final SegmentDrift segment) {
        return String.join(", ", segment.drifted().stream().map(c -> Texts.shortened(c.name(), MAX_VALUE_CHARS))
                .toList());
    }

    /** What the verdict line adds when segments drifted, e.g. {@code " (1 segment drifted)"}; empty otherwise. */
    static String headline(final DriftReport report) {
        int drifted = report.driftedSegments().size();
        return drifted == 0 ? "" : " (" + drifted + (drifted == 1 ? " segment" : " segments") + " drifted)";
    }

    // ---- JSON

    /** The model's {@code segments}, empty when the check did not run per segment (older readers see no change). */
    static List<SegmentVerdict> verdicts(final DriftReport report) {
        return report.segments().stream().map(s -> new SegmentVerdict(s.column(), s.value(), s.other(),
                s.status().label(), s.referenceRows(), s.currentRows(), s.datasetDrift(), s.driftShare(),
                s.drifted().stream().map(ColumnDrift::name).toList(),
                // each column's p-value, so that a false-discovery control can combine them across segments
                s.columns().stream().map(DriftReportJson::verdict).toList())).toList();
    }

    /** The model's {@code driftedSegments}: null when the check did not run per segment. */
    @CheckForNull
    static Integer drifted(final DriftReport report) {
        return report.segments().isEmpty() ? null : report.driftedSegments().size();
    }

    /**
     * The engine's segments of a report's {@code segments}; none when it has none.
     *
     * @throws IllegalArgumentException when a status, type, role or method is not one this build knows
     */
    static List<SegmentDrift> segments(final List<SegmentVerdict> verdicts) {
        return verdicts.stream().map(v -> new SegmentDrift(String.valueOf(v.column()), v.value(), v.other(),
                SegmentDrift.Status.parse(String.valueOf(v.status())), v.referenceRows(), v.currentRows(),
                v.datasetDrift(), v.driftShare(), v.columns().stream().map(DriftReportJson::column).toList()))
                .toList();
    }

    // ---- JUnit

    /**
     * One case per segment (a failure when it drifted) and one per compared column of each segment (class
     * {@code drift.segment.COLUMN=VALUE}), so that Jenkins keeps a segment's history across builds.
     */
    static List<JUnitXml.Case> junitCases(final DriftReport report) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (SegmentDrift segment : report.segments()) {
            String name = name(segment);
            String summary = verdict(segment) + "; rows reference " + segment.referenceRows() + ", current "
                    + segment.currentRows() + (segment.status() == SegmentDrift.Status.COMPARED
                    ? "; drift share " + DriftTable.format(segment.driftShare()) + "; drifted columns: "
                    + drifted(segment) : "");
            cases.add(new JUnitXml.Case("drift.segment", name, segment.datasetDrift() ? "segment-drift" : null,
                    segment.drifted().size() + " columns drifted: " + drifted(segment), summary));
            for (ColumnDrift column : segment.columns()) {
                cases.add(new JUnitXml.Case(JUnitXml.xmlSafe("drift.segment." + name),
                        column.name(), column.drift() ? "drift" : null, DriftTable.verdict(column),
                        DriftTable.details(column)));
            }
        }
        return cases;
    }

    // ---- HTML

    /** The segment table, worst first; nothing without segments. Uses only the page's existing style. */
    static void html(final StringBuilder html, final DriftReport report) {
        if (report.segments().isEmpty()) {
            return;
        }
        html.append("<h2>Segments</h2>\n<p id=\"segments-verdict\">").append(report.driftedSegments().size())
                .append(" of ").append(report.segments().size()).append(" segments drifted, worst first.</p>\n")
                .append("<table id=\"segments\">\n<thead><tr><th>Segment</th><th>Verdict</th>"
                        + "<th>Rows (ref → cur)</th><th>Drift share</th><th>Drifted columns</th></tr></thead>\n"
                        + "<tbody>\n");
        for (SegmentDrift segment : report.segments()) {
            html.append("<tr><td>").append(Html.escape(name(segment))).append("</td><td>")
                    .append(segment.datasetDrift() ? "<strong>DRIFT</strong>" : Html.escape(verdict(segment)))
                    .append("</td><td class=\"num\">").append(segment.referenceRows()).append(" → ")
                    .append(segment.currentRows()).append("</td><td class=\"num\">")
                    .append(Double.isNaN(segment.driftShare()) ? "-" : DriftTable.format(segment.driftShare()))
                    .append("</td><td>").append(Html.escape(drifted(segment))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    // ---- text

    /** The segment lines of the text table, after a blank line; empty without segments. */
    static String text(final DriftReport report) {
        if (report.segments().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\nSegments (worst first): ").append(report.driftedSegments().size())
                .append(" of ").append(report.segments().size()).append(" drifted\n");
        for (SegmentDrift segment : report.segments()) {
            text.append("  ").append(verdict(segment)).append("  ").append(name(segment)).append("  rows ")
                    .append(segment.referenceRows()).append("→").append(segment.currentRows());
            if (segment.status() == SegmentDrift.Status.COMPARED) {
                text.append("  share ").append(DriftTable.format(segment.driftShare()));
                if (!segment.drifted().isEmpty()) {
                    text.append("  drifted: ").append(drifted(segment));
                }
            }
            text.append('\n');
        }
        return text.toString();
    }
}
