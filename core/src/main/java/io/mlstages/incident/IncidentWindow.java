package io.mlstages.incident;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.serve.PredictionLogs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labelled rows of an incident's window: the serving prediction log's lines of the version that drifted, joined
 * by request id with a labels file, as the features the server received and the label that arrived later. A
 * retrained candidate and the production model are both scored on them ({@code validate --incident}).
 */
public final class IncidentWindow {
    private IncidentWindow() {
    }

    /**
     * One labelled request.
     *
     * @param features the features as the log holds them: Number, Boolean, text, or null for missing
     * @param label    the label, as text
     */
    public record Row(Map<String, Object> features, String label) {
        public Row {
            Objects.requireNonNull(label, "label");
            features = Collections.unmodifiableMap(new HashMap<>(features));
        }
    }

    /**
     * The labelled rows of {@code model} version {@code version}.
     *
     * @param idColumn    the labels' id column (default {@code id})
     * @param labelColumn the labels' label column
     * @throws IncidentException naming the file and line of a malformed label or log line
     */
    public static List<Row> read(final String model, final int version, final Path labels,
            @CheckForNull final String idColumn, final String labelColumn, final Path logDir) {
        Map<String, String> truth = LivePerformance.readLabels(labels, idColumn == null ? "id" : idColumn,
                labelColumn);
        List<Row> rows = new ArrayList<>();
        for (Path file : PredictionLogs.files(logDir)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = LivePerformance.parse(line, file, number);
                    if (!model.equals(node.path("model").asText()) || node.path("modelVersion").asInt() != version
                            || !node.hasNonNull("id")) {
                        continue;
                    }
                    String label = truth.get(node.get("id").asText());
                    if (label != null) {
                        rows.add(new Row(features(node.path("features")), label));
                    }
                }
            }
            catch (IOException e) {
                throw new IncidentException(file + ": cannot read the prediction log: " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static Map<String, Object> features(final JsonNode node) {
        Map<String, Object> row = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            row.put(field.getKey(), value.isNull() || value.isMissingNode() ? null : value.isNumber()
                    ? (Object) value.asDouble() : value.isBoolean() ? (Object) value.asBoolean() : value.asText());
        }
        return row;
    }
}
