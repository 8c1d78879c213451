package io.mlstages.incident;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.serve.PredictionLogs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labelled rows of an incident's window: the serving prediction log's lines of the version that drifted, served
 * within the incident's period, joined by request id with a labels file, as the features the server received and the
 * label that arrived later. A retrained candidate and the production model are both scored on them
 * ({@code validate --incident}).
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
     * When an incident's predictions were served, both ends included.
     *
     * @param from the first instant of the window
     * @param to   the last instant of the window
     */
    public record Period(Instant from, Instant to) {
        public Period {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IncidentException("The incident window ends (" + to + ") before it starts (" + from + ")");
            }
        }

        /** Whether {@code at} lies in the window. */
        public boolean contains(final Instant at) {
            return !at.isBefore(from) && !at.isAfter(to);
        }
    }

    /**
     * The labelled rows within the period, and how many labelled rows of the version were served outside it.
     *
     * @param rows    the rows in the window
     * @param outside the labelled predictions of the version served before or after the window (left out)
     */
    public record Labelled(List<Row> rows, int outside) {
        public Labelled {
            rows = List.copyOf(rows);
        }
    }

    /**
     * The labelled rows of {@code model} version {@code version} served within {@code period}, by each log line's
     * {@code time}.
     *
     * @param idColumn    the labels' id column (default {@code id})
     * @param labelColumn the labels' label column
     * @param period      the incident's window; a labelled line served outside it is counted, not used
     * @throws IncidentException naming the file and line of a malformed label or log line, or of a labelled line
     *                           whose {@code time} is missing or not an ISO-8601 instant
     */
    public static Labelled read(final String model, final int version, final Path labels,
            @CheckForNull final String idColumn, final String labelColumn, final Path logDir, final Period period) {
        Objects.requireNonNull(period, "period");
        Map<String, String> truth = LivePerformance.readLabels(labels, idColumn == null ? "id" : idColumn,
                labelColumn);
        List<Row> rows = new ArrayList<>();
        int outside = 0;
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
                    if (label == null) {
                        continue;
                    }
                    if (period.contains(time(node, file, number))) {
                        rows.add(new Row(features(node.path("features")), label));
                    }
                    else {
                        outside++;
                    }
                }
            }
            catch (IOException e) {
                throw new IncidentException(file + ": cannot read the prediction log: " + e.getMessage(), e);
            }
        }
        return new Labelled(rows, outside);
    }

    /** When the line was served: the server writes {@code time} as an ISO-8601 instant. */
    private static Instant time(final JsonNode node, final Path file, final long line) {
        String text = node.path("time").asText("");
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            throw new IncidentException(file + ":" + line + ": the prediction's time '" + text + "' is not an ISO-8601"
                    + " instant (such as 2026-12-07T08:00:00Z): the line cannot be placed in the incident window", e);
        }
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
