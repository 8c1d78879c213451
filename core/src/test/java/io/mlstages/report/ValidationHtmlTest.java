package io.mlstages.report;

import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Task;
import io.mlstages.train.Explanation;
import io.mlstages.validate.Breakdown;
import io.mlstages.validate.Gate;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.Gates;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.Slice;
import io.mlstages.validate.ValidationInput;
import io.mlstages.validate.ValidationReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML page and the text of a validation with a breakdown whose names and values are hostile: feature names and
 * slice values are data, escaped on the page and cut in both forms; the JSON keeps them whole.
 */
class ValidationHtmlTest {
    private static final String HOSTILE = "<script>alert(1)</script>\u0007" + "x".repeat(80);

    private static ValidationReport report() {
        Evaluation candidate = new Evaluation(Task.BINARY, 200, List.of("no", "yes"),
                Map.of("accuracy", 0.91, "roc_auc", 0.88, "log_loss", 0.25), new long[][] {{100, 8}, {10, 82}},
                List.of());
        ValidationReport report = Gates.check(ValidationInput.of(new ModelIdentity("churn <v2>", "7", null, "m"),
                candidate, "eval & test.csv", null), List.of(Gate.parseMin("accuracy=0.9")));
        Explanation explanation = new Explanation(Explanation.Method.TREE_SHAP, Task.BINARY, 200,
                List.of(new Explanation.Weight(HOSTILE, 0.75), new Explanation.Weight("tenure", 0.25)));
        List<Slice> slices = List.of(
                new Slice("region\"><b>", HOSTILE, false, 40, true, Map.of("accuracy", 0.6), List.of("min accuracy")),
                new Slice("region\"><b>", null, false, 12, false, Map.of("accuracy", 0.5), List.of()),
                new Slice("region\"><b>", null, true, 148, true, Map.of("accuracy", Double.NaN),
                        List.of("min accuracy")));
        GateResult gate = new GateResult("min accuracy per slice of region", GateResult.Kind.SLICE, "accuracy", 0.6,
                0.8, null, false, "accuracy misses the minimum 0.8 in 2 of 2 judged slices of " + HOSTILE);
        return report.withBreakdown(new Breakdown(explanation, slices), List.of(gate));
    }

    @Test
    void shouldEscapeAndCutTheNamesAndValuesOfTheBreakdown() {
        ValidationReport report = report();
        String page = ValidationHtml.toHtml(report);

        assertThat(report.passed()).isFalse();
        assertThat(page).doesNotContain("<script>", "<b>", "\u0007").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("churn &lt;v2&gt;", "eval &amp; test.csv", "<section id=\"explanation\">",
                        "<section id=\"slices\">", "region&quot;&gt;&lt;b&gt;=(missing)", "region&quot;&gt;&lt;b&gt;=(other)",
                        "characters)", "<span class=\"badge drift\">FAIL min accuracy</span>", "too few rows",
                        "<rect width=\"120\" height=\"10\"", "<rect width=\"40\" height=\"10\"", "75.0%");
        String text = ValidationTable.toText(report);
        assertThat(text).doesNotContain("\u0007").contains("slices (worst first): 2 of 3 fail a slice gate",
                "explanation (tree-shap: mean |contribution| to the log-odds, 200 rows):");
        // JSON keeps the value whole, escaped by JSON itself
        assertThat(ValidationReportJson.toString(report)).contains("\"value\" : \"<script>alert(1)</script>\\u0007"
                + "x".repeat(80) + "\"", "\"value\" : null", "\"other\" : true", "\"accuracy\" : null");
    }
}
