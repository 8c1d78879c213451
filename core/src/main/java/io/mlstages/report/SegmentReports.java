package io.mlstages.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.Texts;
import io.mlstages.data.ColumnType;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftMethod;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;
import io.mlstages.drift.SegmentDrift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The segments of a drift report ({@code --segment}) in each report form: JSON, JUnit cases, HTML and text. A
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

    /** Adds the {@code segments} array, only when the check ran per segment (older readers see no change). */
    static void putJson(final ObjectNode root, final DriftReport report) {
        if (report.segments().isEmpty()) {
            return;
        }
        root.put("driftedSegments", report.driftedSegments().size());
        ArrayNode array = root.putArray("segments");
        for (SegmentDrift segment : report.segments()) {
            ObjectNode node = array.addObject();
            node.put("column", segment.column());
            if (segment.value() == null) {
                node.putNull("value");
            } else {
                node.put("value", segment.value());
            }
            node.put("other", segment.other());
            node.put("status", segment.status().label());
            node.put("referenceRows", segment.referenceRows());
            node.put("currentRows", segment.currentRows());
            node.put("datasetDrift", segment.datasetDrift());
            putNumber(node, "driftShare", segment.driftShare());
            ArrayNode names = node.putArray("driftedColumns");
            segment.drifted().forEach(c -> names.add(c.name()));
            // each column's p-value, so that a false-discovery control can combine them across segments
            ArrayNode columns = node.putArray("columns");
            for (ColumnDrift column : segment.columns()) {
                ObjectNode item = columns.addObject();
                item.put("name", column.name());
                item.put("type", column.type().label());
                item.put("role", column.role().name().toLowerCase(Locale.ROOT));
                item.put("method", column.method().label());
                putNumber(item, "score", column.score());
                putNumber(item, "threshold", column.threshold());
                if (column.pValue() == null || !Double.isFinite(column.pValue())) {
                    item.putNull("pValue");
                } else {
                    item.put("pValue", column.pValue());
                }
                putNumber(item, "alpha", column.alpha());
                item.put("drift", column.drift());
                item.put("referenceCount", column.referenceCount());
                item.put("currentCount", column.currentCount());
                putNumber(item, "referenceMissingRate", column.referenceMissingRate());
                putNumber(item, "currentMissingRate", column.currentMissingRate());
                item.put("missingDrift", column.missingDrift());
                putNumber(item, "referenceNonFiniteRate", column.referenceNonFiniteRate());
                putNumber(item, "currentNonFiniteRate", column.currentNonFiniteRate());
                item.put("nonFiniteDrift", column.nonFiniteDrift());
                item.put("exact", column.exact());
                if (column.note() == null) {
                    item.putNull("note");
                } else {
                    item.put("note", column.note());
                }
            }
        }
    }

    /** The segments of a report's JSON; none when it has none. */
    static List<SegmentDrift> readJson(final JsonNode root) {
        List<SegmentDrift> segments = new ArrayList<>();
        for (JsonNode node : root.path("segments")) {
            List<ColumnDrift> columns = new ArrayList<>();
            for (JsonNode item : node.path("columns")) {
                columns.add(new ColumnDrift(item.path("name").asText(), ColumnType.parse(item.path("type").asText()),
                        Role.valueOf(item.path("role").asText().toUpperCase(Locale.ROOT)),
                        DriftMethod.parse(item.path("method").asText()), number(item, "score"),
                        number(item, "threshold"),
                        item.path("pValue").isNumber() ? item.path("pValue").doubleValue() : null,
                        number(item, "alpha"), item.path("drift").asBoolean(), item.path("referenceCount").asLong(),
                        item.path("currentCount").asLong(), number(item, "referenceMissingRate"),
                        number(item, "currentMissingRate"), item.path("missingDrift").asBoolean(),
                        number(item, "referenceNonFiniteRate"), number(item, "currentNonFiniteRate"),
                        item.path("nonFiniteDrift").asBoolean(), item.path("exact").asBoolean(), item.path("note").isTextual() ? item.path("note").asText()
                        : null));
            }
            JsonNode value = node.path("value");
            segments.add(new SegmentDrift(node.path("column").asText(), value.isTextual() ? value.asText() : null,
                    node.path("other").asBoolean(), SegmentDrift.Status.parse(node.path("status").asText()),
                    node.path("referenceRows").asLong(), node.path("currentRows").asLong(),
                    node.path("datasetDrift").asBoolean(), number(node, "driftShare"), columns));
        }
        return segments;
    }

    private static double number(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : Double.NaN;
    }

    private static void putNumber(final ObjectNode node, final String field, final double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
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
            html.append("<tr><td>").append(DriftHtml.escape(name(segment))).append("</td><td>")
                    .append(segment.datasetDrift() ? "<strong>DRIFT</strong>" : DriftHtml.escape(verdict(segment)))
                    .append("</td><td class=\"num\">").append(segment.referenceRows()).append(" → ")
                    .append(segment.currentRows()).append("</td><td class=\"num\">")
                    .append(Double.isNaN(segment.driftShare()) ? "-" : DriftTable.format(segment.driftShare()))
                    .append("</td><td>").append(DriftHtml.escape(drifted(segment))).append("</td></tr>\n");
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
