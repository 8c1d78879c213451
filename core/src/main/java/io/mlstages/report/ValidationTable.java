package io.mlstages.report;

import io.mlstages.metrics.Evaluation;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.ValidationReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The plain-text form of a {@link ValidationReport}: a verdict line, the metrics, and one row per gate. */
public final class ValidationTable {
    private ValidationTable() {
    }

    /** The text, ending with a newline. Control characters in names are shown as '?'. */
    public static String toText(final ValidationReport report) {
        StringBuilder text = new StringBuilder();
        int failed = report.failed().size();
        text.append(report.passed() ? "PASSED" : "FAILED").append(": ")
                .append(report.gates().size() - failed).append(" of ").append(report.gates().size())
                .append(" gates passed\n");
        String version = report.model().version();
        text.append("model:    ").append(DriftTable.clean(report.model().name()))
                .append(version == null ? "" : " " + DriftTable.clean(version))
                .append('\n');
        ModelIdentity baselineModel = report.baselineModel();
        if (baselineModel != null) {
            text.append("baseline: ").append(DriftTable.clean(baselineModel.name())).append('\n');
        }
        text.append("data:     ").append(DriftTable.clean(report.data()));
        Evaluation metrics = report.metrics();
        if (metrics == null) {
            text.append("\n\nmetrics: not computed (the model could not score the data)");
        }
        else {
            text.append(" (").append(metrics.rows()).append(" rows)\n\nmetrics:");
            for (Map.Entry<String, Double> metric : metrics.metrics().entrySet()) {
                text.append(' ').append(metric.getKey()).append('=').append(DriftTable.format(metric.getValue()));
            }
        }
        text.append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"gate", "kind", "value", "bound", "baseline", "verdict"});
        for (GateResult gate : report.gates()) {
            rows.add(new String[] {
                DriftTable.printable(gate.name()), gate.kind().label(), DriftTable.format(gate.value()),
                DriftTable.format(gate.bound(), "-"),
                DriftTable.format(gate.baseline(), "-"),
                gate.passed() ? "ok" : "FAIL"
            });
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.append(row[i]);
                if (i < row.length - 1) {
                    text.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
                }
            }
            text.append('\n');
        }
        if (failed > 0) {
            text.append('\n');
            for (GateResult gate : report.failed()) {
                text.append("FAIL ").append(DriftTable.clean(gate.name())).append(": ")
                        .append(DriftTable.clean(gate.message())).append('\n');
            }
        }
        text.append(BreakdownReport.text(report));
        for (String note : metrics == null ? List.<String>of() : metrics.notes()) {
            text.append("note: ").append(DriftTable.clean(note)).append('\n');
        }
        if (report.badRows().any()) {
            text.append("note: the metrics cover the rows that were not skipped (--on-bad-rows skip)\n");
        }
        text.append(DriftTable.badRows(report.badRows()));
        return text.toString();
    }
}
