package io.mlstages.steps;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The constraint checks of a drift report (its {@code "constraints"}, written when the schema file had
 * constraints), as the build page shows them. Lines are plain text; the views escape them.
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

    /** The constraints of a drift report's tree; none when it has no {@code constraints}. */
    static ConstraintsView of(final JsonNode root) {
        JsonNode node = root.path("constraints");
        if (!node.isObject()) {
            return none();
        }
        List<String> failed = new ArrayList<>();
        int checked = 0;
        int violated = 0;
        for (JsonNode check : node.path("checks")) {
            checked++;
            if (check.path("passed").asBoolean(true)) {
                continue;
            }
            violated++;
            if (failed.size() == SHOWN) {
                continue;
            }
            StringBuilder line = new StringBuilder(check.path("column").asText("")).append(": ")
                    .append(check.path("constraint").asText("")).append(' ').append(check.path("expected").asText(""))
                    .append(": ").append(check.path("exact").asBoolean(true) ? "" : "about ")
                    .append(check.path("count").asLong()).append(" in ").append(node.path("rows").asLong())
                    .append(" rows");
            List<String> examples = new ArrayList<>();
            for (JsonNode example : check.path("examples")) {
                examples.add(example.path("file").asText("") + ":" + example.path("line").asLong() + ": "
                        + example.path("value").asText(""));
            }
            if (!examples.isEmpty()) {
                line.append("; e.g. ").append(String.join(", ", examples));
            }
            failed.add(line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS) + "..." : line.toString());
        }
        return new ConstraintsView(checked, violated, failed);
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
