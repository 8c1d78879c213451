package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code version.json}: what the registry recorded about a version when it registered it. */
final class VersionJson {
    static final String FILE_NAME = "version.json";
    static final String KIND = "mlstages-registry-version";
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VersionJson() {
    }

    /**
     * A version, the message given when it was registered and, in an object store, where its package's files lie
     * (relative to the model; null in a folder registry, where they lie beside the record).
     */
    record Entry(ModelVersion version, String message, @CheckForNull String packageKey) {
    }

    static byte[] format(final ModelVersion version, final String message, @CheckForNull final String packageKey) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("kind", KIND);
        root.put("model", version.model());
        root.put("version", version.version());
        root.put("registeredAt", version.registeredAt().toString());
        ObjectNode by = root.putObject("registeredBy");
        by.put("user", version.registeredBy().user());
        by.put("buildUrl", version.registeredBy().buildUrl());
        root.put("message", message);
        root.put("blessed", version.blessed());
        root.put("algorithm", version.algorithm());
        root.put("task", version.task());
        ObjectNode files = root.putObject("files");
        version.files().forEach(files::put);
        if (packageKey != null) {
            root.put("package", packageKey);
        }
        try {
            return (MAPPER.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new RegistryException("Cannot write version " + version.version() + " of model " + version.model()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads the file of a version folder.
     *
     * @throws RegistryException naming the file and the field when it is missing or malformed, or records another
     *                           model or version than its folder says
     */
    static Entry read(final Path file, final String model, final int version) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new RegistryException(file + ": missing: version " + version + " of model " + model
                    + " is damaged");
        } catch (IOException e) {
            throw new RegistryException(file + ": not readable JSON: " + e.getMessage(), e);
        }
        return parse(root, file.toString(), model, version);
    }

    /** Reads a record stored elsewhere than in a file ({@code where} names it in errors). */
    static Entry read(final byte[] bytes, final String where, final String model, final int version) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new RegistryException(where + ": not readable JSON: " + e.getMessage(), e);
        }
        return parse(root, where, model, version);
    }

    private static Entry parse(@CheckForNull final JsonNode root, final String file, final String model,
            final int version) {
        if (root == null || !root.isObject() || !KIND.equals(root.path("kind").asText())) {
            throw new RegistryException(file + ": not a registry version record (no \"kind\": \"" + KIND + "\")");
        }
        int schema = root.path("schemaVersion").asInt(-1);
        if (schema < 1 || schema > SCHEMA_VERSION) {
            throw new RegistryException(file + ": schema version " + schema + " is not supported; this build reads "
                    + SCHEMA_VERSION);
        }
        try {
            String recordedModel = text(root, "model");
            int recordedVersion = root.path("version").asInt(-1);
            if (!recordedModel.equals(model) || recordedVersion != version) {
                throw new IllegalArgumentException("it records model " + recordedModel + " version "
                        + recordedVersion + " but lies in the folder of model " + model + " version " + version);
            }
            JsonNode by = root.path("registeredBy");
            Map<String, String> files = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                files.put(entry.getKey(), entry.getValue().asText());
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("field \"files\" is missing or empty");
            }
            ModelVersion parsed = new ModelVersion(model, version, Instant.parse(text(root, "registeredAt")),
                    new Actor(Objects.requireNonNullElse(optional(by, "user"), Actor.UNKNOWN),
                            optional(by, "buildUrl")),
                    root.path("blessed").asBoolean(false),
                    files, text(root, "algorithm"), text(root, "task"));
            String message = optional(root, "message");
            return new Entry(parsed, message == null ? "" : message, optional(root, "package"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new RegistryException(file + ": malformed: " + e.getMessage(), e);
        }
    }

    private static String text(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing or not text");
        }
        return value.asText();
    }

    @CheckForNull
    private static String optional(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
