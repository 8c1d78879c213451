package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.ConstraintChecks;

import java.util.ArrayList;
import java.util.List;

/**
 * The constraint checks of a report (its {@code "constraints"}, written when the schema file had constraints),
 * as the build page shows them. Lines are plain text; the views escape them.
 *
 * @param checked  how many constraints were checked (0: the schema had none)
 * @param violated how many of them the current data broke
 * @param failed   one line per violated constraint, e.g. {@code ridership: min >= 0: 3 in 366 rows; e.g.
 *                 live.csv:11: -50}
 */
public record ConstraintsView(int checked, int violated, List<String> failed) {
    /** The most lines shown; the rest are counted in {@link #note()}. */
    static final int SHOWN = 10;
    /** The most characters of a line: a value in an example is data and can be long. */
    static final int LINE_CHARS = 300;

    public ConstraintsView {
        failed = List.copyOf(failed);
    }

    /** No constraints checked. */
    public static ConstraintsView none() {
        return new ConstraintsView(0, 0, List.of());
    }

    /** The constraints of a report; none when it has no {@code constraints}. */
    static ConstraintsView of(@CheckForNull final ConstraintChecks checks) {
        if (checks == null) {
            return none();
        }
        List<String> failed = new ArrayList<>();
        int violated = 0;
        for (ConstraintChecks.Check check : checks.checks()) {
            if (check.passed()) {
                continue;
            }
            violated++;
            if (failed.size() == SHOWN) {
                continue;
            }
            StringBuilder line = new StringBuilder(text(check.column())).append(": ")
                    .append(text(check.constraint())).append(' ').append(text(check.expected()))
                    .append(": ").append(check.exact() ? "" : "about ")
                    .append(check.count()).append(" in ").append(checks.rows()).append(" rows");
            if (!check.examples().isEmpty()) {
                line.append("; e.g. ").append(String.join(", ", check.examples().stream()
                        .map(ConstraintChecks.Example::label).toList()));
            }
            failed.add(line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS) + "..." : line.toString());
        }
        return new ConstraintsView(checks.checks().size(), violated, failed);
    }

    private static String text(@CheckForNull final String value) {
        return value == null ? "" : value;
    }

    /** One line for the summary, e.g. {@code Constraints: 2 of 61 violated}; empty when none were checked. */
    public String note() {
        if (checked == 0) {
            return "";
        }
        return "Constraints: " + (violated == 0 ? "all " + checked + " met" : violated + " of " + checked
                + " violated" + (violated > failed.size() ? " (the first " + failed.size() + " listed)" : ""));
    }
}
