package io.mlstages.data;

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
 * {@code bool} are accepted too). Errors name the file and the bad entry.
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
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
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
        return parse(file, root);
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
        for (int i = 0; i < columns.size(); i++) {
            JsonNode entry = columns.get(i);
            String where = "columns[" + i + "]";
            if (!entry.isObject()) {
                throw bad(file, where + " must be an object with \"name\" and \"type\", not " + entry);
            }
            for (Map.Entry<String, JsonNode> field : entry.properties()) {
                String key = field.getKey();
                if (!key.equals("name") && !key.equals("type")) {
                    throw bad(file, where + " has an unknown key \"" + key + "\": expected \"name\" and \"type\"");
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
        }
        if (result.isEmpty()) {
            throw bad(file, "\"columns\" is empty: a schema needs at least one column");
        }
        return new Schema(result);
    }

    private static DataException bad(final Path file, final String problem) {
        return new DataException(file, 0, null, problem);
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
            columns.addObject().put("name", column.name()).put("type", column.type().label());
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
