package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.mlstages.Texts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a schema as JSON: {@code {"columns":[{"name":"age","type":"numeric"}, ...]}}. Types are
 * written as {@link ColumnType#label()} and read with {@link ColumnType#parse} (so {@code num}, {@code cat},
 * {@code bool} are accepted too). A column may carry {@code "constraints"} ({@link ColumnConstraints}). Errors
 * name the file and the bad entry; errors in constraints also name the line and the column.
 */
public final class SchemaFile {
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build());

    private SchemaFile() {
    }

    /**
     * Reads a schema file.
     *
     * @throws DataException naming the file and the entry when it is not a valid schema
     */
    public static Schema read(final Path file) {
        JsonNode root;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file);
                JsonParser parser = MAPPER.createParser(in)) {
            root = MAPPER.readTree(parser);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new DataException(file, 0, null, "no such schema file");
        } catch (JsonParseException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DataException(file, line, null, "is not valid JSON (" + e.getOriginalMessage()
                    + "): expected a schema like {\"columns\":[{\"name\":\"x\",\"type\":\"numeric\"}]}", e);
        } catch (IOException e) {
            throw new DataException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        }
        try {
            return parse(file, root);
        } catch (Located e) {
            throw new DataException(file, lineOf(file, e.pointer), e.column, e.getMessage());
        }
    }

    /** The line of the token at a JSON pointer in the file, or 0 when it cannot be found. */
    private static long lineOf(final Path file, final String pointer) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file);
                JsonParser parser = MAPPER.createParser(in)) {
            while (parser.nextToken() != null) {
                if (parser.getParsingContext().pathAsPointer().toString().equals(pointer)) {
                    return parser.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException e) {
            return 0; // the file was read a moment ago; without a line the message still names the entry
        }
        return 0;
    }

    /** A bad constraint: where it is (a JSON pointer, for the line) and the column it belongs to. */
    private static final class Located extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String pointer;
        private final String column;

        Located(final String pointer, final String column, final String message) {
            super(message, null, false, false);
            this.pointer = pointer;
            this.column = column;
        }
    }

    private static Schema parse(final Path file, final JsonNode root) {
        if (root == null || !root.isObject()) {
            throw bad(file, "the schema must be a JSON object with a \"columns\" array");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!key.equals("columns")) {
                throw bad(file, "unknown key \"" + key + "\": a schema has only \"columns\"");
            }
        }
        JsonNode columns = root.get("columns");
        if (columns == null || !columns.isArray()) {
            throw bad(file, "\"columns\" must be an array of {\"name\":...,\"type\":...} objects");
        }
        List<Column> result = new ArrayList<>(columns.size());
        List<String> names = new ArrayList<>(columns.size());
        Map<String, ColumnConstraints> constraints = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            JsonNode entry = columns.get(i);
            String where = "columns[" + i + "]";
            if (!entry.isObject()) {
                throw bad(file, where + " must be an object with \"name\" and \"type\", not " + entry);
            }
            for (Map.Entry<String, JsonNode> field : entry.properties()) {
                String key = field.getKey();
                if (!key.equals("name") && !key.equals("type") && !key.equals("constraints")) {
                    throw bad(file, where + " has an unknown key \"" + key + "\": expected \"name\", \"type\" and "
                            + "optionally \"constraints\"");
                }
            }
            JsonNode name = entry.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw bad(file, where + " needs a non-empty string \"name\"");
            }
            where += " (" + Texts.quote(name.asText()) + ")";
            JsonNode type = entry.get("type");
            if (type == null || !type.isTextual()) {
                throw bad(file, where + " needs a string \"type\": numeric, categorical or boolean");
            }
            int before = names.indexOf(name.asText());
            if (before >= 0) {
                throw bad(file, where + " repeats the name of columns[" + before + "]: names must be unique");
            }
            ColumnType parsed;
            try {
                parsed = ColumnType.parse(type.asText());
            } catch (IllegalArgumentException e) {
                throw bad(file, where + ": " + e.getMessage());
            }
            names.add(name.asText());
            result.add(new Column(name.asText(), parsed));
            JsonNode given = entry.get("constraints");
            if (given != null) {
                constraints.put(name.asText(), constraints(given, "/columns/" + i + "/constraints", where,
                        name.asText(), parsed));
            }
        }
        if (result.isEmpty()) {
            throw bad(file, "\"columns\" is empty: a schema needs at least one column");
        }
        return new Schema(result, constraints);
    }

    /** The keys a column's {@code "constraints"} object may have. */
    private static final List<String> CONSTRAINT_KEYS = List.of("min", "max", "allowed", "notNull",
            "maxMissingRate", "unique", "maxDistinctRatio", "pattern");

    private static ColumnConstraints constraints(final JsonNode node, final String pointer, final String where,
            final String column, final ColumnType type) {
        if (!node.isObject()) {
            throw new Located(pointer, column, where + ": \"constraints\" must be an object such as "
                    + "{\"min\":0,\"notNull\":true}");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!CONSTRAINT_KEYS.contains(key)) {
                throw new Located(pointer + "/" + key, column, where + ": unknown constraint \""
                        + Texts.shortened(key, Texts.QUOTED_CHARS) + "\": expected one of " + CONSTRAINT_KEYS);
            }
        }
        Double min = number(node, "min", pointer, where, column);
        Double max = number(node, "max", pointer, where, column);
        if ((min != null || max != null) && type != ColumnType.NUMERIC) {
            throw new Located(pointer + "/" + (min != null ? "min" : "max"), column, where + ": min and max apply "
                    + "to numeric columns, and this one is " + type.label());
        }
        if (min != null && max != null && min > max) {
            throw new Located(pointer + "/min", column, where + ": min " + ConstraintChecker.format(min)
                    + " is above max " + ConstraintChecker.format(max));
        }
        List<String> allowed = null;
        JsonNode values = node.get("allowed");
        if (values != null) {
            String at = pointer + "/allowed";
            if (type == ColumnType.NUMERIC) {
                throw new Located(at, column, where + ": allowed applies to categorical and boolean columns; "
                        + "bound a numeric column with min and max");
            }
            if (!values.isArray() || values.isEmpty()) {
                throw new Located(at, column, where + ": allowed must be a non-empty array of strings");
            }
            allowed = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                JsonNode value = values.get(i);
                if (!value.isTextual()) {
                    throw new Located(at + "/" + i, column, where + ": allowed[" + i + "] must be a string, not "
                            + Texts.shortened(value.toString(), Texts.QUOTED_CHARS));
                }
                if (type == ColumnType.BOOLEAN && !value.asText().equals("true") && !value.asText().equals("false")) {
                    throw new Located(at + "/" + i, column, where + ": allowed[" + i + "] is "
                            + Texts.quote(value.asText()) + ", but a boolean column's values are 'true' and 'false'");
                }
                allowed.add(value.asText());
            }
        }
        String pattern = null;
        JsonNode regex = node.get("pattern");
        if (regex != null) {
            String at = pointer + "/pattern";
            if (type != ColumnType.CATEGORICAL) {
                throw new Located(at, column, where + ": pattern applies to categorical columns, and this one is "
                        + type.label());
            }
            if (!regex.isTextual()) {
                throw new Located(at, column, where + ": pattern must be a string (a Java regular expression)");
            }
            try {
                pattern = SafePattern.compile(regex.asText()).regex();
            } catch (IllegalArgumentException e) {
                throw new Located(at, column, where + ": pattern: " + e.getMessage());
            }
        }
        Double maxMissingRate = share(node, "maxMissingRate", pointer, where, column);
        Double maxDistinctRatio = share(node, "maxDistinctRatio", pointer, where, column);
        return new ColumnConstraints(min, max, allowed, flag(node, "notNull", pointer, where, column),
                maxMissingRate, flag(node, "unique", pointer, where, column), maxDistinctRatio, pattern);
    }

    @CheckForNull
    private static Double number(final JsonNode node, final String key, final String pointer, final String where,
            final String column) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new Located(pointer + "/" + key, column, where + ": " + key + " must be a finite number, not "
                    + Texts.shortened(value.toString(), Texts.QUOTED_CHARS));
        }
        return value.asDouble();
    }

    @CheckForNull
    private static Double share(final JsonNode node, final String key, final String pointer, final String where,
            final String column) {
        Double value = number(node, key, pointer, where, column);
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new Located(pointer + "/" + key, column, where + ": " + key + " must be between 0 and 1, not "
                    + ConstraintChecker.format(value));
        }
        return value;
    }

    private static boolean flag(final JsonNode node, final String key, final String pointer, final String where,
            final String column) {
        JsonNode value = node.get(key);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new Located(pointer + "/" + key, column, where + ": " + key + " must be true or false, not "
                    + Texts.shortened(value.toString(), Texts.QUOTED_CHARS));
        }
        return value.asBoolean();
    }

    private static DataException bad(final Path file, final String problem) {
        return new DataException(file, 0, null, problem);
    }

    private static void writeConstraints(final ObjectNode node, final ColumnConstraints rules) {
        Double min = rules.min();
        if (min != null) {
            node.put("min", new java.math.BigDecimal(ConstraintChecker.format(min)));
        }
        Double max = rules.max();
        if (max != null) {
            node.put("max", new java.math.BigDecimal(ConstraintChecker.format(max)));
        }
        List<String> allowed = rules.allowed();
        if (allowed != null) {
            var values = node.putArray("allowed");
            allowed.forEach(values::add);
        }
        if (rules.notNull()) {
            node.put("notNull", true);
        }
        Double maxMissingRate = rules.maxMissingRate();
        if (maxMissingRate != null) {
            node.put("maxMissingRate", maxMissingRate);
        }
        if (rules.unique()) {
            node.put("unique", true);
        }
        Double maxDistinctRatio = rules.maxDistinctRatio();
        if (maxDistinctRatio != null) {
            node.put("maxDistinctRatio", maxDistinctRatio);
        }
        String pattern = rules.pattern();
        if (pattern != null) {
            node.put("pattern", pattern);
        }
    }

    /**
     * Writes a schema file, replacing the file atomically where the file system allows it.
     *
     * @throws DataException when the file cannot be written
     */
    public static void write(final Path file, final Schema schema) {
        ObjectNode root = MAPPER.createObjectNode();
        var columns = root.putArray("columns");
        for (Column column : schema.columns()) {
            ObjectNode entry = columns.addObject().put("name", column.name()).put("type", column.type().label());
            ColumnConstraints rules = schema.constraintsOf(column.name());
            if (!rules.isEmpty()) {
                writeConstraints(entry.putObject("constraints"), rules);
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary);
                        JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
                    generator.useDefaultPrettyPrinter();
                    MAPPER.writeTree(generator, root);
                    generator.writeRaw('\n');
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new DataException(file, 0, null, "cannot be written: " + e.getMessage(), e);
        }
    }
}
