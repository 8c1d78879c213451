package io.mlstages.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one JSON codec of the report documents: records to indented JSON and back through Jackson databind.
 *
 * <ul>
 *   <li>JSON has no NaN or infinity: a number that is not finite is written as {@code null}, and a {@code null} (or
 *   absent) {@code double} reads as NaN; a nullable number is a {@code Double}, null when absent.</li>
 *   <li>Reading checks the {@code kind} and the schema version before binding, and refuses a newer version than this
 *   build knows, naming the file; fields it does not know are ignored (a newer build may add sections without a new
 *   version: docs/reports.md).</li>
 *   <li>Only the records named here are ever built: no polymorphic or default typing, no class names from the
 *   input, and scalars are not coerced ({@code "true"} is not a boolean, {@code 3} is not text).</li>
 * </ul>
 */
public final class ReportJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(new SimpleModule("finite-numbers")
                    .addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(double.class, new FiniteOrNull())
                    .addDeserializer(double.class, new NullAsNaN()))
            .build();

    private ReportJson() {
    }

    /** The document as indented JSON text, without a final newline. */
    public static String toString(final Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("A report document is always writable as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** The document as a JSON tree, for callers that embed it. */
    public static ObjectNode toTree(final Object document) {
        return MAPPER.valueToTree(document);
    }

    /**
     * Reads a document.
     *
     * @param text   the JSON text
     * @param type   what it must be
     * @param origin where it came from (a file), named in every error
     * @throws ReportFormatException naming the origin when the text is not JSON, not of this kind, of a newer schema
     *                               version, or malformed (naming the field)
     */
    public static <T> T read(final String text, final DocumentType<T> type, final String origin) {
        return read(text == null ? null : tree(text, origin), type, origin);
    }

    /** The text as a tree; not JSON is a {@link ReportFormatException} naming the origin. */
    static JsonNode tree(final String text, final String origin) {
        try {
            return MAPPER.readTree(text);
        }
        catch (JsonProcessingException e) {
            throw new ReportFormatException(origin + ": not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Binds a document that is already a tree (e.g. a section of another).
     *
     * @throws ReportFormatException as {@link #read(String, DocumentType, String)}
     */
    public static <T> T read(final JsonNode root, final DocumentType<T> type, final String origin) {
        if (root == null || !root.isObject()) {
            throw new ReportFormatException(origin + ": not a " + type.name() + " (not a JSON object)");
        }
        if (type.kind() != null && !type.kind().equals(root.path("kind").asText())) {
            throw new ReportFormatException(origin + ": not a " + type.name() + " (no \"kind\": \"" + type.kind()
                    + "\")");
        }
        JsonNode version = root.path(type.versionField());
        // a document without the field predates it: version 1
        if (!version.isMissingNode() && !(version.isInt() && version.intValue() >= 1
                && version.intValue() <= type.version())) {
            throw new ReportFormatException(origin + ": " + type.name() + " schema version " + version
                    + " is not supported; this build reads version " + type.version()
                    + (version.isInt() && version.intValue() > type.version()
                    ? " (the file was written by a newer ML Stages: upgrade to read it)" : ""));
        }
        return bind(root, type.type(), origin, type.name());
    }

    /**
     * Binds a tree to a record of this package that is not a document of its own (e.g. a check's outcome).
     *
     * @throws ReportFormatException naming the origin and the field when the tree does not fit
     */
    public static <T> T bind(final JsonNode root, final Class<T> type, final String origin, final String name) {
        try {
            return MAPPER.treeToValue(root, type);
        }
        catch (JsonMappingException e) {
            throw new ReportFormatException(origin + ": malformed " + name + ": the field \"" + path(e.getPath())
                    + "\" is missing or not valid (" + e.getOriginalMessage() + ")", e);
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ReportFormatException(origin + ": malformed " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The number a text names when it is one JSON cannot carry ({@code NaN}, {@code Infinity}, {@code -Infinity}, as
     * Jackson writes them by default), or null for any other text.
     */
    public static Double nonFinite(final String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** {@code gates[2].passed} for Jackson's path of references. */
    private static String path(final List<JsonMappingException.Reference> references) {
        return references.stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                : "[" + r.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    /** A number that JSON can carry, or null. */
    private static final class FiniteOrNull extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(final Double value, final JsonGenerator out, final SerializerProvider provider)
                throws IOException {
            if (Double.isFinite(value)) {
                out.writeNumber(value);
            }
            else {
                out.writeNull();
            }
        }
    }

    /**
     * A {@code double} where null or absent means "not a number"; "NaN" and "Infinity" as text (as older incident
     * files may hold them) are read as such, any other text is refused.
     */
    private static final class NullAsNaN extends StdDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        NullAsNaN() {
            super(double.class);
        }

        @Override
        public Double deserialize(final JsonParser in, final DeserializationContext context) throws IOException {
            JsonToken token = in.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return in.getDoubleValue();
            }
            Double named = token == JsonToken.VALUE_STRING ? nonFinite(in.getText()) : null;
            return named != null ? named : (Double) context.handleUnexpectedToken(double.class, in);
        }

        @Override
        public Double getNullValue(final DeserializationContext context) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(final DeserializationContext context) {
            return Double.NaN;
        }
    }
}
