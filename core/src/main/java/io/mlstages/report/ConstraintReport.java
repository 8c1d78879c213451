package io.mlstages.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.Texts;
import io.mlstages.data.ConstraintViolations;

import java.util.ArrayList;
import java.util.List;

/**
 * The constraint checks in every report form: JSON ({@code "constraints"}, present only when the schema had
 * constraints, so other reports stay as they were), text, HTML and JUnit test cases. Values in examples are data:
 * they arrive escaped and cut to {@value Texts#QUOTED_CHARS} characters, and HTML and XML escape them again.
 */
public final class ConstraintReport {
    private ConstraintReport() {
    }

    /** Adds {@code constraints} to {@code parent} when any constraint was checked. */
    public static void put(final ObjectNode parent, final ConstraintViolations checked) {
        if (!checked.any()) {
            return;
        }
        ObjectNode node = parent.putObject("constraints");
        node.put("rows", checked.rows());
        node.put("violated", checked.failed().size());
        ArrayNode checks = node.putArray("checks");
        for (ConstraintViolations.Check check : checked.checks()) {
            ObjectNode item = checks.addObject();
            item.put("column", check.column());
            item.put("constraint", check.constraint());
            item.put("expected", check.expected());
            item.put("passed", check.passed());
            item.put("count", check.count());
            if (check.observed() == null || !Double.isFinite(check.observed())) {
                item.putNull("observed");
            } else {
                item.put("observed", check.observed());
            }
            item.put("exact", check.exact());
            if (check.note() == null) {
                item.putNull("note");
            } else {
                item.put("note", check.note());
            }
            ArrayNode examples = item.putArray("examples");
            for (ConstraintViolations.Example example : check.examples()) {
                examples.addObject().put("file", example.file()).put("line", example.line())
                        .put("value", example.value());
            }
        }
    }

    /** The checks of a report's tree; none when it has no {@code constraints}. */
    public static ConstraintViolations read(final JsonNode parent) {
        JsonNode node = parent.path("constraints");
        if (!node.isObject()) {
            return ConstraintViolations.none();
        }
        List<ConstraintViolations.Check> checks = new ArrayList<>();
        for (JsonNode item : node.path("checks")) {
            List<ConstraintViolations.Example> examples = new ArrayList<>();
            for (JsonNode example : item.path("examples")) {
                examples.add(new ConstraintViolations.Example(example.path("file").asText(),
                        example.path("line").asLong(), example.path("value").asText()));
            }
            checks.add(new ConstraintViolations.Check(item.path("column").asText(), item.path("constraint").asText(),
                    item.path("expected").asText(), item.path("passed").asBoolean(), item.path("count").asLong(),
                    item.path("observed").isNumber() ? item.path("observed").doubleValue() : null,
                    item.path("exact").asBoolean(true),
                    item.path("note").isTextual() ? item.path("note").asText() : null, examples));
        }
        return new ConstraintViolations(node.path("rows").asLong(), checks);
    }

    /** The text block: a blank line, then the failed checks one per line; empty when none failed. */
    public static String text(final ConstraintViolations checked) {
        if (!checked.any()) {
            return "";
        }
        List<ConstraintViolations.Check> failed = checked.failed();
        StringBuilder text = new StringBuilder("\nConstraints: ").append(checked.checks().size() - failed.size())
                .append(" of ").append(checked.checks().size()).append(" passed");
        text.append(failed.isEmpty() ? "\n" : "; violated:\n");
        for (ConstraintViolations.Check check : failed) {
            text.append("  ").append(check.describe(checked.rows())).append('\n');
        }
        return text.toString();
    }

    /** The HTML section: every check, failed ones first, with their examples; nothing when none was checked. */
    public static void html(final StringBuilder html, final ConstraintViolations checked) {
        if (!checked.any()) {
            return;
        }
        List<ConstraintViolations.Check> failed = checked.failed();
        html.append("<h2>Constraints</h2>\n<p id=\"constraints-total\">").append(failed.size()).append(" of ")
                .append(checked.checks().size()).append(" constraints violated in ").append(checked.rows())
                .append(" rows.</p>\n<table id=\"constraints\">\n<thead><tr><th>Column</th><th>Constraint</th>"
                        + "<th>Verdict</th><th>Count</th><th>Observed</th><th>Examples (file:line: value)</th>"
                        + "</tr></thead>\n<tbody>\n");
        List<ConstraintViolations.Check> ordered = new ArrayList<>(failed);
        checked.checks().stream().filter(ConstraintViolations.Check::passed).forEach(ordered::add);
        for (ConstraintViolations.Check check : ordered) {
            html.append("<tr><td>").append(DriftHtml.escape(check.column())).append("</td><td>")
                    .append(DriftHtml.escape(check.constraint() + " " + check.expected())).append("</td><td>")
                    .append(check.passed() ? "passed" : "<strong>violated</strong>")
                    .append("</td><td class=\"num\">").append(check.exact() ? "" : "~").append(check.count())
                    .append("</td><td class=\"num\">")
                    .append(check.observed() == null ? "-" : ConstraintViolations.Check.number(check.observed())).append("</td><td>");
            List<String> shown = new ArrayList<>();
            for (ConstraintViolations.Example example : check.examples()) {
                shown.add(DriftHtml.escape(example.toString()));
            }
            html.append(String.join("<br>", shown));
            if (check.note() != null) {
                html.append(shown.isEmpty() ? "" : "<br>").append("<em>").append(DriftHtml.escape(check.note()))
                        .append("</em>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** One JUnit test case per constraint, failing where it was violated, grouped as {@code className}. */
    static List<JUnitXml.Case> junitCases(final ConstraintViolations checked, final String className) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (ConstraintViolations.Check check : checked.checks()) {
            String line = check.describe(checked.rows());
            cases.add(new JUnitXml.Case(className, check.column() + " " + check.constraint(),
                    check.passed() ? null : "constraint", line, line));
        }
        return cases;
    }
}
