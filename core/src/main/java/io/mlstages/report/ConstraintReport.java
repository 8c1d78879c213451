package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;
import io.mlstages.data.ConstraintViolations;
import io.mlstages.model.ConstraintChecks;
import io.mlstages.model.Html;

import java.util.ArrayList;
import java.util.List;

/**
 * The constraint checks in every report form: JSON (the model's {@link ConstraintChecks} as {@code "constraints"},
 * present only when the schema had constraints, so other reports stay as they were), text, HTML and JUnit test
 * cases. Values in examples are data:
 * they arrive escaped and cut to {@value Texts#QUOTED_CHARS} characters, and HTML and XML escape them again.
 */
public final class ConstraintReport {
    private ConstraintReport() {
    }

    /** The model's {@code constraints}, or null when no constraint was checked. */
    @CheckForNull
    static ConstraintChecks checks(final ConstraintViolations checked) {
        if (!checked.any()) {
            return null;
        }
        return new ConstraintChecks(checked.rows(), checked.failed().size(), checked.checks().stream()
                .map(c -> new ConstraintChecks.Check(c.column(), c.constraint(), c.expected(), c.passed(), c.count(),
                        c.observed(), c.exact(), c.note(), c.examples().stream()
                                .map(e -> new ConstraintChecks.Example(e.file(), e.line(), e.value())).toList()))
                .toList());
    }

    /** The engine's checks of a report's {@code constraints}; none when it has none. */
    static ConstraintViolations violations(@CheckForNull final ConstraintChecks checks) {
        if (checks == null) {
            return ConstraintViolations.none();
        }
        return new ConstraintViolations(checks.rows(), checks.checks().stream()
                .map(c -> new ConstraintViolations.Check(c.column(), c.constraint(), c.expected(), c.passed(),
                        c.count(), c.observed(), c.exact(), c.note(), c.examples().stream()
                                .map(e -> new ConstraintViolations.Example(String.valueOf(e.file()), e.line(),
                                        String.valueOf(e.value()))).toList()))
                .toList());
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
            Double observed = check.observed();
            html.append("<tr><td>").append(Html.escape(check.column())).append("</td><td>")
                    .append(Html.escape(check.constraint() + " " + check.expected())).append("</td><td>")
                    .append(check.passed() ? "passed" : "<strong>violated</strong>")
                    .append("</td><td class=\"num\">").append(check.exact() ? "" : "~").append(check.count())
                    .append("</td><td class=\"num\">")
                    .append(observed == null ? "-" : ConstraintViolations.Check.number(observed)).append("</td><td>");
            List<String> shown = new ArrayList<>();
            for (ConstraintViolations.Example example : check.examples()) {
                shown.add(Html.escape(example.toString()));
            }
            html.append(String.join("<br>", shown));
            if (check.note() != null) {
                html.append(shown.isEmpty() ? "" : "<br>").append("<em>").append(Html.escape(check.note()))
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
