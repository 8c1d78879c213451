package io.mlstages.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mlstages.MlStagesException;
import io.mlstages.data.ColumnType;
import io.mlstages.io.AtomicFiles;
import io.mlstages.model.ReportJson;

/**
 * Reads and writes profiles as JSON (see docs/profiles.md for the format).
 *
 * <p>JSON has no NaN or infinity: a NaN number (an undefined statistic, such as the mean of a column without
 * finite values) is written as {@code null}, and an infinite one as the string {@code "Infinity"} or
 * {@code "-Infinity"}; reading accepts these and the string {@code "NaN"}. Sketches are base64 text.</p>
 *
 * <p>Reading uses Jackson's tree model only: no type information is taken from the file, so a profile cannot
 * make the reader create arbitrary objects.</p>
 */
public final class ProfileJson {
    /** The {@code kind} every profile document carries, so that other JSON is not mistaken for a profile. */
    public static final String KIND = "mlstages-profile";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileJson() {
    }

    /**
     * Writes a profile to a file atomically: into a temporary file in the same directory, then moved over the
     * target, so that a failed or interrupted write never leaves a half-written profile in its place.
     *
     * @throws ProfileException naming the file when it cannot be written
     */
    public static void write(final Profile profile, final Path file) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(toTree(profile));
        } catch (JsonProcessingException e) {
            throw new ProfileException(file + ": cannot write the profile: " + e.getOriginalMessage(), e);
        }
        try {
            AtomicFiles.write(file, bytes);
        } catch (MlStagesException e) {
            throw new ProfileException(e.getMessage(), e);
        }
    }

    /**
     * Whether a file is a profile rather than a dataset, judged by its content: a JSON object whose top-level
     * {@code kind} is {@value #KIND}. Only the first object is looked at, so a large JSON Lines dataset costs
     * one line; anything unreadable or unparsable is simply not a profile.
     */
    public static boolean isProfile(final Path file) {
        // a stream rather than a File: the profile may be an s3:// object
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file);
                JsonParser parser = MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("kind".equals(field)) {
                    return value == JsonToken.VALUE_STRING && KIND.equals(parser.getText());
                }
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The profile as JSON text. */
    public static String toJson(final Profile profile) {
        try {
            return MAPPER.writeValueAsString(toTree(profile));
        } catch (JsonProcessingException e) {
            throw new ProfileException("Cannot write the profile as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a profile file.
     *
     * @throws ProfileException naming the file (and the line and column, or the field) when the file is missing,
     *                          is not JSON, is not a profile, or was written by a newer version
     */
    public static Profile read(final Path file) {
        JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = MAPPER.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ProfileException(file + ": no such profile file");
        } catch (JsonProcessingException e) {
            throw new ProfileException(file + where(e.getLocation()) + ": not valid JSON: " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new ProfileException(file + ": cannot read the profile: " + e, e);
        }
        return fromTree(tree, file.toString());
    }

    /**
     * Reads a profile from JSON text.
     *
     * @param origin what the text is, for messages (a file name, "request body")
     */
    public static Profile fromJson(final String json, final String origin) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProfileException(origin + where(e.getLocation()) + ": not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
        return fromTree(tree, origin);
    }

    private static String where(final JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return ", line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The profile as a JSON tree, for documents that embed a profile. */
    public static ObjectNode toTree(final Profile profile) {
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", profile.schemaVersion());
        root.put("kind", KIND);
        root.put("rows", profile.rows());
        ObjectNode settings = root.putObject("settings");
        settings.put("sketchK", profile.settings().sketchK());
        settings.put("bins", profile.settings().bins());
        settings.put("topK", profile.settings().topK());
        settings.put("exactLimit", profile.settings().exactLimit());
        ArrayNode sources = root.putArray("sources");
        for (Profile.Source source : profile.sources()) {
            ObjectNode node = sources.addObject();
            node.put("file", source.file());
            node.put("sha256", source.sha256());
            node.put("rows", source.rows());
        }
        ArrayNode columns = root.putArray("columns");
        for (ColumnProfile column : profile.columns()) {
            ObjectNode node = columns.addObject();
            node.put("name", column.name());
            node.put("type", column.type().label());
            node.put("count", column.count());
            node.put("missing", column.missing());
            NumericSummary numeric = column.numeric();
            if (numeric != null) {
                writeNumeric(node.putObject("numeric"), numeric);
            }
            CategorySummary counted = column.categories();
            if (counted != null) {
                ObjectNode categories = node.putObject("categories");
                ArrayNode top = categories.putArray("top");
                for (CategorySummary.Count count : counted.top()) {
                    top.addObject().put("value", count.value()).put("count", count.count());
                }
                categories.put("other", counted.other());
                categories.put("distinct", counted.distinct());
            }
        }
        if (!profile.segments().isEmpty()) {
            writeSegments(root.putArray("segments"), profile.segments());
        }
        return root;
    }

    /** Each segment's profile is a whole profile document of its own (without segments), read back alike. */
    private static void writeSegments(final ArrayNode array, final List<SegmentProfiles> segments) {
        for (SegmentProfiles column : segments) {
            ObjectNode node = array.addObject();
            node.put("column", column.column());
            ArrayNode values = node.putArray("values");
            for (SegmentProfiles.Segment segment : column.segments()) {
                ObjectNode value = values.addObject();
                if (segment.value() == null) {
                    value.putNull("value");
                } else {
                    value.put("value", segment.value());
                }
                value.set("profile", toTree(segment.profile()));
            }
            node.set("other", toTree(column.other()));
        }
    }

    private static List<SegmentProfiles> readSegments(final Reader reader, final JsonNode tree) {
        JsonNode array = tree.get("segments");
        if (array == null || array.isNull()) {
            return List.of();
        }
        List<SegmentProfiles> segments = new ArrayList<>();
        int index = 0;
        for (JsonNode node : reader.array(tree, "segments")) {
            String where = "segments[" + index++ + "]";
            reader.path = where;
            String column = reader.text(node, "column");
            List<SegmentProfiles.Segment> values = new ArrayList<>();
            int position = 0;
            for (JsonNode value : reader.array(node, "values")) {
                String at = where + ".values[" + position++ + "]";
                reader.path = at;
                JsonNode text = value.get("value");
                if (text != null && !text.isNull() && !text.isTextual()) {
                    throw reader.error("value", "text or null, found " + text);
                }
                Profile profile = fromTree(reader.object(value, "profile"), reader.origin + ", " + at + ".profile");
                values.add(new SegmentProfiles.Segment(text == null || text.isNull() ? null : text.textValue(),
                        profile));
            }
            reader.path = where;
            Profile other = fromTree(reader.object(node, "other"), reader.origin + ", " + where + ".other");
            segments.add(new SegmentProfiles(column, values, other));
        }
        return segments;
    }

    private static void writeNumeric(final ObjectNode node, final NumericSummary summary) {
        node.put("finite", summary.finite());
        node.put("nan", summary.nan());
        node.put("positiveInfinity", summary.positiveInfinity());
        node.put("negativeInfinity", summary.negativeInfinity());
        putNumber(node, "min", summary.min());
        putNumber(node, "max", summary.max());
        putNumber(node, "mean", summary.mean());
        putNumber(node, "std", summary.std());
        ObjectNode histogram = node.putObject("histogram");
        ArrayNode edges = histogram.putArray("edges");
        summary.histogram().edges().forEach(edge -> addNumber(edges, edge));
        ArrayNode counts = histogram.putArray("counts");
        summary.histogram().counts().forEach(counts::add);
        node.put("sketch", Base64.getEncoder().encodeToString(summary.sketch()));
        double[] values = summary.values();
        if (values == null) {
            node.putNull("values");
        } else {
            ArrayNode array = node.putArray("values");
            for (double value : values) {
                array.add(value);
            }
        }
    }

    private static void putNumber(final ObjectNode node, final String field, final double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else if (Double.isInfinite(value)) {
            node.put(field, value > 0 ? "Infinity" : "-Infinity");
        } else {
            node.put(field, value);
        }
    }

    private static void addNumber(final ArrayNode array, final double value) {
        if (Double.isNaN(value)) {
            array.addNull();
        } else if (Double.isInfinite(value)) {
            array.add(value > 0 ? "Infinity" : "-Infinity");
        } else {
            array.add(value);
        }
    }

    /**
     * Reads a profile from a JSON tree.
     *
     * @param origin what the tree came from, for messages
     * @throws ProfileException naming the origin and the field when the tree is not a profile this build reads
     */
    public static Profile fromTree(final JsonNode tree, final String origin) {
        Reader reader = new Reader(origin);
        if (tree == null || !tree.isObject()) {
            throw reader.error("", "a JSON object");
        }
        JsonNode kind = tree.get("kind");
        if (kind == null || !KIND.equals(kind.asText(null))) {
            throw new ProfileException(origin + ": not a profile (\"kind\" must be \"" + KIND + "\", found "
                    + (kind == null ? "nothing" : kind.toString()) + ")");
        }
        int version = reader.integer(tree, "schemaVersion");
        if (version > Profile.SEGMENTS_SCHEMA_VERSION) {
            throw new ProfileException(origin + ": the profile has schema version " + version
                    + ", written by a newer ML Stages; this version reads schema version "
                    + Profile.SEGMENTS_SCHEMA_VERSION + " and older");
        }
        if (version < 1) {
            throw new ProfileException(origin + ": schemaVersion must be at least 1, not " + version);
        }
        try {
            JsonNode settingsNode = reader.object(tree, "settings");
            ProfileSettings settings = new ProfileSettings(reader.integer(settingsNode, "sketchK"),
                    reader.integer(settingsNode, "bins"), reader.integer(settingsNode, "topK"),
                    reader.integer(settingsNode, "exactLimit"));
            List<Profile.Source> sources = new ArrayList<>();
            for (JsonNode node : reader.array(tree, "sources")) {
                JsonNode sha = node.get("sha256");
                sources.add(new Profile.Source(reader.text(node, "file"),
                        sha == null || sha.isNull() ? null : reader.text(node, "sha256"), reader.count(node, "rows")));
            }
            List<ColumnProfile> columns = new ArrayList<>();
            int index = 0;
            for (JsonNode node : reader.array(tree, "columns")) {
                reader.path = "columns[" + index++ + "]";
                columns.add(readColumn(reader, node));
            }
            reader.path = "";
            long rows = reader.count(tree, "rows");
            List<SegmentProfiles> segments = readSegments(reader, tree);
            reader.path = "";
            return new Profile(version, sources, rows, settings, columns, segments);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a record's own validation: the values are well-formed JSON but do not make sense together
            throw new ProfileException(origin + (reader.path.isEmpty() ? "" : ", " + reader.path) + ": "
                    + e.getMessage(), e);
        }
    }

    private static ColumnProfile readColumn(final Reader reader, final JsonNode node) {
        String name = reader.text(node, "name");
        ColumnType type;
        try {
            type = ColumnType.parse(reader.text(node, "type"));
        } catch (IllegalArgumentException e) {
            throw reader.error("type", "numeric, categorical or boolean");
        }
        NumericSummary numeric = null;
        CategorySummary categories = null;
        if (type == ColumnType.NUMERIC) {
            JsonNode numericNode = reader.object(node, "numeric");
            String columnPath = reader.path;
            reader.path = columnPath + ".numeric";
            numeric = readNumeric(reader, numericNode);
            reader.path = columnPath;
        } else {
            JsonNode categoryNode = reader.object(node, "categories");
            List<CategorySummary.Count> top = new ArrayList<>();
            for (JsonNode count : reader.array(categoryNode, "top")) {
                top.add(new CategorySummary.Count(reader.text(count, "value"), reader.count(count, "count")));
            }
            categories = new CategorySummary(top, reader.count(categoryNode, "other"),
                    reader.count(categoryNode, "distinct"));
        }
        return new ColumnProfile(name, type, reader.count(node, "count"), reader.count(node, "missing"), numeric,
                categories);
    }

    private static NumericSummary readNumeric(final Reader reader, final JsonNode node) {
        JsonNode histogramNode = reader.object(node, "histogram");
        List<Double> edges = new ArrayList<>();
        for (JsonNode edge : reader.array(histogramNode, "edges")) {
            edges.add(reader.number(edge, "histogram.edges"));
        }
        List<Long> counts = new ArrayList<>();
        for (JsonNode count : reader.array(histogramNode, "counts")) {
            if (!count.canConvertToLong() || !count.isIntegralNumber() || count.asLong() < 0) {
                throw reader.error("histogram.counts", "counts that are whole numbers, 0 or more");
            }
            counts.add(count.asLong());
        }
        byte[] sketch;
        try {
            sketch = Base64.getDecoder().decode(reader.text(node, "sketch"));
        } catch (IllegalArgumentException e) {
            throw reader.error("sketch", "base64 text");
        }
        double[] values = null;
        JsonNode valuesNode = node.get("values");
        if (valuesNode != null && !valuesNode.isNull()) {
            if (!valuesNode.isArray()) {
                throw reader.error("values", "an array of numbers or null");
            }
            values = new double[valuesNode.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = reader.number(valuesNode.get(i), "values");
            }
        }
        NumericSummary summary = new NumericSummary(reader.count(node, "finite"), reader.count(node, "nan"),
                reader.count(node, "positiveInfinity"), reader.count(node, "negativeInfinity"),
                reader.number(node.get("min"), "min"), reader.number(node.get("max"), "max"),
                reader.number(node.get("mean"), "mean"), reader.number(node.get("std"), "std"),
                new NumericSummary.Histogram(edges, counts), sketch, values);
        // a corrupt sketch fails here, naming the file, rather than later in a drift check
        long sketched;
        try {
            sketched = QuantileSketch.fromBytes(sketch).n();
        } catch (ProfileException e) {
            throw reader.error("sketch", "a quantile sketch (" + e.getMessage() + ")");
        }
        if (sketched != summary.finite()) {
            throw reader.error("sketch", "a sketch of the " + summary.finite() + " finite values, found one of "
                    + sketched);
        }
        return summary;
    }

    /** Typed field access whose errors name the origin and the field's path. */
    private static final class Reader {
        final String origin;
        String path = "";

        Reader(final String origin) {
            this.origin = origin;
        }

        ProfileException error(final String field, final String expected) {
            String where = path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field;
            return new ProfileException(origin + (where.isEmpty() ? "" : ", field " + where) + ": expected "
                    + expected);
        }

        JsonNode field(final JsonNode node, final String field, final String expected) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw error(field, expected + " (missing)");
            }
            return value;
        }

        int integer(final JsonNode node, final String field) {
            JsonNode value = field(node, field, "a whole number");
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw error(field, "a whole number, found " + value);
            }
            return value.intValue();
        }

        long count(final JsonNode node, final String field) {
            JsonNode value = field(node, field, "a count");
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw error(field, "a whole number, 0 or more, found " + value);
            }
            return value.longValue();
        }

        String text(final JsonNode node, final String field) {
            JsonNode value = field(node, field, "text");
            if (!value.isTextual()) {
                throw error(field, "text, found " + value);
            }
            return value.textValue();
        }

        JsonNode object(final JsonNode node, final String field) {
            JsonNode value = field(node, field, "an object");
            if (!value.isObject()) {
                throw error(field, "an object");
            }
            return value;
        }

        Iterable<JsonNode> array(final JsonNode node, final String field) {
            JsonNode value = field(node, field, "an array");
            if (!value.isArray()) {
                throw error(field, "an array");
            }
            return value;
        }

        /** A number, null for NaN, or one of the strings NaN, Infinity, -Infinity. */
        double number(final JsonNode value, final String field) {
            if (value == null || value.isNull()) {
                return Double.NaN;
            }
            if (value.isNumber()) {
                return value.doubleValue();
            }
            Double named = value.isTextual() ? ReportJson.nonFinite(value.textValue()) : null;
            if (named != null) {
                return named;
            }
            throw error(field, "a number, null, \"Infinity\" or \"-Infinity\", found " + value);
        }
    }
}
