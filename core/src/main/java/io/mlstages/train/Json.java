package io.mlstages.train;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON settings of model packages: strict on reading, indented on writing. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    static byte[] bytes(final JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelPackageException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode parse(final byte[] bytes, final String file) {
        try {
            return MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new ModelPackageException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    static double number(final JsonNode node, final String field, final String file) {
        JsonNode value = node.path(field);
        if (!value.isNumber()) {
            throw new ModelPackageException(file + ": '" + field + "' must be a number, not " + value);
        }
        return value.doubleValue();
    }
}
