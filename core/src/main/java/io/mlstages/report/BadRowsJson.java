package io.mlstages.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.data.BadRows;

import java.util.ArrayList;
import java.util.List;

/**
 * The skipped rows in a report's JSON: {@code "badRows": {"total": n, "rows": [{"file", "line", "column",
 * "problem"}]}}, present only when rows were skipped, so that reports of clean reads stay as they were.
 */
public final class BadRowsJson {
    private BadRowsJson() {
    }

    /** Adds {@code badRows} to {@code parent} when any row was skipped. */
    public static void put(final ObjectNode parent, final BadRows bad) {
        if (!bad.any()) {
            return;
        }
        ObjectNode node = parent.putObject("badRows");
        node.put("total", bad.total());
        ArrayNode rows = node.putArray("rows");
        for (BadRows.Row row : bad.rows()) {
            ObjectNode item = rows.addObject();
            item.put("file", row.file());
            item.put("line", row.line());
            if (row.column() == null) {
                item.putNull("column");
            }
            else {
                item.put("column", row.column());
            }
            item.put("problem", row.problem());
        }
    }

    /** The skipped rows of a report's tree; none when it has no {@code badRows}. */
    public static BadRows read(final JsonNode parent) {
        JsonNode node = parent.path("badRows");
        if (!node.isObject()) {
            return BadRows.none();
        }
        List<BadRows.Row> rows = new ArrayList<>();
        for (JsonNode item : node.path("rows")) {
            rows.add(new BadRows.Row(item.path("file").asText(), item.path("line").asLong(),
                    item.path("column").isTextual() ? item.path("column").asText() : null,
                    item.path("problem").asText()));
        }
        return new BadRows(node.path("total").asLong(rows.size()), rows);
    }
}
