package io.mlstages.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.umd.cs.findbugs.annotations.CheckForNull;

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
 * @param multivariate the domain classifier's verdict ({@code multivariate: true}), or null when not run
 */
public record DriftView(boolean datasetDrift, double driftShare, double threshold, String reference, String current,
        long referenceRows, long currentRows, List<Column> columns, long badRowsTotal, List<String> badRows,
        @CheckForNull MultivariateView multivariate) {

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

    private static final ObjectMapper JSON = new ObjectMapper();

    public DriftView {
        columns = List.copyOf(columns);
        badRows = List.copyOf(badRows);
    }

    /** A view of a report without the domain classifier. */
    public DriftView(final boolean datasetDrift, final double driftShare, final double threshold,
            final String reference, final String current, final long referenceRows, final long currentRows,
            final List<Column> columns, final long badRowsTotal, final List<String> badRows) {
        this(datasetDrift, driftShare, threshold, reference, current, referenceRows, currentRows, columns,
                badRowsTotal, badRows, null);
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
    public static DriftView parse(final String json, final String source) {
        JsonNode root;
        try {
            root = json == null ? null : JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw new StepException(source + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !"mlstages-drift-report".equals(root.path("kind").asText())) {
            throw new StepException(source + ": not a drift report (no \"kind\": \"mlstages-drift-report\")");
        }
        JsonNode columnNodes = root.path("columns");
        if (!columnNodes.isArray()) {
            throw new StepException(source + ": malformed drift report: the field \"columns\" is missing or not a list");
        }
        List<Scored> scored = new ArrayList<>();
        for (JsonNode node : columnNodes) {
            String name = node.path("name").asText(null);
            if (name == null) {
                throw new StepException(source + ": malformed drift report: a column has no \"name\"");
            }
            double score = number(node.path("score"));
            scored.add(new Scored(score, new Column(name, node.path("type").asText(""), node.path("role").asText(""),
                    node.path("method").asText(""), format(score), format(number(node.path("threshold"))),
                    node.path("pValue").isNumber() ? format(node.path("pValue").doubleValue()) : "",
                    node.path("drift").asBoolean(), percent(number(node.path("referenceMissingRate"))),
                    percent(number(node.path("currentMissingRate"))), node.path("note").asText(""))));
        }
        // drifted columns first, then by score (an undefined score last), the report's order among equals
        scored.sort(Comparator.comparing((Scored c) -> !c.column().drift())
                .thenComparing(c -> Double.isNaN(c.score()) ? Double.NEGATIVE_INFINITY : c.score(),
                        Comparator.reverseOrder()));
        if (!root.path("datasetDrift").isBoolean()) {
            throw new StepException(source + ": malformed drift report: the field \"datasetDrift\" is missing or not"
                    + " true or false");
        }
        List<String> badRows = new ArrayList<>();
        for (JsonNode row : root.path("badRows").path("rows")) {
            // as the text report writes them; the views escape them
            badRows.add(row.path("file").asText("") + ":" + row.path("line").asLong()
                    + (row.path("column").isTextual() ? ":" + row.path("column").asText() : "") + ": "
                    + row.path("problem").asText(""));
        }
        return new DriftView(root.path("datasetDrift").booleanValue(), number(root.path("driftShare")),
                number(root.path("driftShareThreshold")), root.path("reference").asText(""),
                root.path("current").asText(""), root.path("referenceRows").asLong(),
                root.path("currentRows").asLong(), scored.stream().map(Scored::column).toList(),
                root.path("badRows").path("total").asLong(badRows.size()), badRows, MultivariateView.parse(root));
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

    private static double number(final JsonNode node) {
        return node.isNumber() ? node.doubleValue() : Double.NaN;
    }

    private record Scored(double score, Column column) {
    }
}
