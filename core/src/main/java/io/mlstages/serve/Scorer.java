package io.mlstages.serve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a request body into predictions: parses it with Jackson's tree model (no typing from the data), checks
 * every row against the model's features, scores, and writes the response and the prediction log lines.
 *
 * <p>A feature absent from a row is a missing value, as {@code null} is: the models here handle missing values.
 * A field that is not a feature is refused (400), because a misspelt feature name would otherwise silently become
 * a missing value and a wrong prediction.</p>
 */
final class Scorer {
    /**
     * The optional field of a row that carries the caller's id of it (not a feature, unless the model has a feature
     * of that name): logged as {@code id}, for joining labels to predictions later (docs/incidents.md).
     */
    static final String REQUEST_ID = "_id";

    /** The batch form's only field. */
    static final String ROWS = "rows";
    /** How many feature names an error lists before "...". */
    private static final int NAMES_SHOWN = 20;

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Scorer() {
    }

    /** A scored request: the response body, and one log line per row (empty when not logging). */
    record Result(byte[] response, List<byte[]> logLines, int rows) {
    }

    static Result score(final ServedModel model, final byte[] body, final boolean log) throws BadRequest {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int end = message == null ? -1 : message.indexOf('\n');
            throw new BadRequest("The body is not valid JSON: " + (end < 0 ? message : message.substring(0, end))
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"), null, -1);
        } catch (IOException e) {
            throw new BadRequest("The body cannot be read: " + e.getMessage(), null, -1);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadRequest("The body is empty; send a JSON object (a row) or {\"rows\": [...]}", null, -1);
        }
        if (!root.isObject()) {
            throw new BadRequest("The body is " + describe(root) + "; send a JSON object (a row) or "
                    + "{\"rows\": [...]}", null, -1);
        }
        JsonNode rowsNode = root.get(ROWS);
        boolean batch = rowsNode != null && rowsNode.isArray();
        List<JsonNode> rows = new ArrayList<>();
        if (batch) {
            if (root.size() != 1) {
                throw new BadRequest("A batch holds only the field 'rows'; put every other field inside a row",
                        firstOtherField(root), -1);
            }
            rowsNode.forEach(rows::add);
        } else {
            rows.add(root);
        }
        List<Object[]> values = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            values.add(read(model, rows.get(r), batch ? r : -1));
        }
        String time = log ? Instant.now().toString() : null;
        List<byte[]> lines = log ? new ArrayList<>(rows.size()) : List.of();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("model", model.name);
            json.writeNumberField("modelVersion", model.version);
            if (batch) {
                json.writeArrayFieldStart("predictions");
            } else {
                json.writeFieldName("prediction");
            }
            for (int r = 0; r < rows.size(); r++) {
                double[] output = model.predict(values.get(r));
                writePrediction(json, model, output);
                if (log) {
                    lines.add(logLine(model, time, rows.get(r), output));
                }
            }
            if (batch) {
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Writing JSON to memory failed", e);
        }
        return new Result(out.toByteArray(), lines, rows.size());
    }

    /** Checks a row and returns its values in feature order (null for missing). */
    private static Object[] read(final ServedModel model, final JsonNode row, final int index) throws BadRequest {
        if (!row.isObject()) {
            throw new BadRequest("Row " + index + " is " + describe(row) + "; each row is a JSON object of feature "
                    + "name to value", null, index);
        }
        Object[] values = new Object[model.features.size()];
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            Integer f = model.featureIndex.get(name);
            if (f == null && REQUEST_ID.equals(name)) {
                JsonNode id = field.getValue();
                if (!id.isTextual() && !id.isIntegralNumber()) {
                    throw new BadRequest(where(index) + "'" + REQUEST_ID + "' is the request id and holds "
                            + describe(id) + "; send a string or an integer", name, index);
                }
                continue;
            }
            if (f == null && model.leftOut.contains(name)) {
                // a column the model left out in training: known, not misspelt, and ignored as validate does
                continue;
            }
            if (f == null) {
                throw new BadRequest(where(index) + "'" + name + "' is not a feature of model " + model.name
                        + " version " + model.version + "; its features are " + featureNames(model), name, index);
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isContainerNode()) {
                throw new BadRequest(where(index) + "the feature '" + name + "' holds " + describe(value)
                        + "; expected a number, a string, a boolean or null", name, index);
            }
            if (model.isNumeric(f)) {
                if (!value.isNumber()) {
                    throw new BadRequest(where(index) + "the feature '" + name + "' is numeric, but the row holds "
                            + describe(value) + "; send a JSON number, or null for a missing value", name, index);
                }
                values[f] = value.doubleValue();
            } else if (value.isTextual()) {
                values[f] = value.textValue();
            } else if (value.isBoolean()) {
                values[f] = value.booleanValue();
            } else {
                values[f] = value.doubleValue();
            }
        }
        return values;
    }

    private static void writePrediction(final JsonGenerator json, final ServedModel model, final double[] output)
            throws IOException {
        json.writeStartObject();
        if (model.classification) {
            int best = 0;
            for (int c = 1; c < output.length; c++) {
                if (output[c] > output[best]) {
                    best = c;
                }
            }
            json.writeStringField("label", model.classes.get(best));
            json.writeObjectFieldStart("probabilities");
            for (int c = 0; c < output.length; c++) {
                json.writeNumberField(model.classes.get(c), output[c]);
            }
            json.writeEndObject();
        } else {
            json.writeFieldName("value");
            writeNumber(json, output[0]);
        }
        json.writeEndObject();
    }

    /** One prediction log line: time, model, version, every feature (null when missing), the prediction. */
    private static byte[] logLine(final ServedModel model, final String time, final JsonNode row,
            final double[] output) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 24 * model.features.size());
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", time);
            json.writeStringField("model", model.name);
            json.writeNumberField("modelVersion", model.version);
            JsonNode id = model.featureIndex.containsKey(REQUEST_ID) ? null : row.get(REQUEST_ID);
            if (id != null && !id.isNull()) {
                // the caller's id of the row, so that labels arriving later can be joined to the prediction
                json.writeStringField("id", id.asText());
            }
            json.writeObjectFieldStart("features");
            for (int f = 0; f < model.features.size(); f++) {
                String name = model.features.get(f).name();
                JsonNode value = row.get(name);
                json.writeFieldName(name);
                if (value == null) {
                    json.writeNull();
                } else {
                    json.writeTree(value);
                }
            }
            json.writeEndObject();
            json.writeFieldName("prediction");
            writePrediction(json, model, output);
            json.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** JSON has no NaN: a non-finite output is written as null. */
    private static void writeNumber(final JsonGenerator json, final double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeNull();
        }
    }

    private static String where(final int index) {
        return index < 0 ? "" : "Row " + index + ": ";
    }

    @CheckForNull
    private static String firstOtherField(final JsonNode root) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ROWS.equals(name)) {
                return name;
            }
        }
        return null;
    }

    private static String featureNames(final ServedModel model) {
        StringBuilder out = new StringBuilder("[");
        for (int f = 0; f < model.features.size() && f < NAMES_SHOWN; f++) {
            out.append(f == 0 ? "" : ", ").append(model.features.get(f).name());
        }
        if (model.features.size() > NAMES_SHOWN) {
            out.append(", ... (").append(model.features.size()).append(" in all)");
        }
        return out.append(']').toString();
    }

    static String describe(final JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string " + quoted(node.textValue());
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> "the boolean " + node.asText();
            case NULL -> "null";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Quotes client text for an error message, shortened so that a huge value cannot bloat the response. */
    private static String quoted(final String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "\"" + shown + "\"";
    }
}
