package io.mlstages.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mark a model package receives when every gate of a validation passed: {@value #FILE_NAME} in the package
 * directory, saying what passed, when, and which report and data it rests on. Deployment steps require it. A
 * failed validation never writes one and removes a stale one, so a package is blessed only by its latest
 * validation.
 *
 * @param schemaVersion the JSON schema version ({@link #SCHEMA_VERSION})
 * @param blessedAt     when the validation passed (UTC, whole milliseconds)
 * @param model         the model that passed
 * @param data          the evaluation data's file name
 * @param dataSha256    the evaluation data's SHA-256, or null when unknown
 * @param reportSha256  the SHA-256 of the validation report's JSON, lower-case hex
 * @param gates         the names of the gates that passed
 * @param incident      the incident whose gates ({@code validate --incident}) passed too, which makes this a verified
 *                      mitigation of it; null for an ordinary blessing
 * @param evidence      with {@code incident}: each incident gate's sentence, with its figures; else empty
 */
public record Blessing(int schemaVersion, Instant blessedAt, ModelIdentity model, String data,
        @CheckForNull String dataSha256,
        String reportSha256, List<String> gates, @CheckForNull String incident, List<String> evidence) {

    /** The file a blessing is stored in, inside the model package directory. */
    public static final String FILE_NAME = "blessing.json";
    /** The {@code kind} field that marks a blessing. */
    public static final String KIND = "mlstages-blessing";
    /** The version of the blessing JSON this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Blessing {
        Objects.requireNonNull(blessedAt, "blessedAt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(reportSha256, "reportSha256");
        if (!SHA256.matcher(reportSha256).matches()) {
            throw new IllegalArgumentException("reportSha256 must be 64 lower-case hex digits, not '" + reportSha256
                    + "'");
        }
        if (dataSha256 != null && !SHA256.matcher(dataSha256).matches()) {
            throw new IllegalArgumentException("dataSha256 must be 64 lower-case hex digits, not '" + dataSha256
                    + "'");
        }
        gates = List.copyOf(gates);
        evidence = List.copyOf(evidence == null ? List.of() : evidence);
    }

    /** An ordinary blessing: no incident verified. */
    public Blessing(final int schemaVersion, final Instant blessedAt, final ModelIdentity model, final String data,
            @CheckForNull final String dataSha256, final String reportSha256, final List<String> gates) {
        this(schemaVersion, blessedAt, model, data, dataSha256, reportSha256, gates, null, List.of());
    }

    /** The verification of an incident a blessing carries: the incident's id and its gates' sentences. */
    public record Verified(String incident, List<String> evidence) {
        public Verified {
            Objects.requireNonNull(incident, "incident");
            evidence = List.copyOf(evidence);
        }
    }

    /** This blessing as the verified mitigation of an incident. */
    public Blessing verifying(final Verified verified) {
        return new Blessing(schemaVersion, blessedAt, model, data, dataSha256, reportSha256, gates,
                verified.incident(), verified.evidence());
    }

    /** Whether this blessing verified the mitigation of {@code incidentId}. */
    public boolean verifies(final String incidentId) {
        return incidentId.equals(incident);
    }

    /**
     * The blessing a passed report earns.
     *
     * @param reportSha256 the SHA-256 of the report's JSON (what {@code ValidationReportJson.write} returns)
     * @throws ValidationException when a gate failed
     */
    public static Blessing of(final ValidationReport report, final String reportSha256, final Instant at) {
        if (!report.passed()) {
            throw new ValidationException("The model " + report.model().name() + " cannot be blessed: "
                    + report.failed().size() + " of " + report.gates().size() + " gates failed");
        }
        List<String> names = new ArrayList<>();
        report.gates().forEach(g -> names.add(g.name()));
        return new Blessing(SCHEMA_VERSION, at.truncatedTo(ChronoUnit.MILLIS), report.model(), report.data(),
                report.dataSha256(), reportSha256, names);
    }

    /**
     * Blesses the package when the report passed and unblesses it when it failed: writes {@value #FILE_NAME}
     * atomically, or deletes a stale one.
     *
     * @return the blessing written, or empty when the report failed
     * @throws ValidationException when the directory does not exist or the file cannot be written or deleted
     */
    public static Optional<Blessing> apply(final Path packageDir, final ValidationReport report,
            final String reportSha256) {
        return apply(packageDir, report, reportSha256, null);
    }

    /**
     * As {@link #apply(Path, ValidationReport, String)}; a passed report with {@code verified} (its incident gates
     * among the report's) writes a blessing that verifies the incident's mitigation.
     */
    public static Optional<Blessing> apply(final Path packageDir, final ValidationReport report,
            final String reportSha256, @CheckForNull final Verified verified) {
        if (report.passed()) {
            Blessing blessing = of(report, reportSha256, Instant.now());
            if (verified != null) {
                blessing = blessing.verifying(verified);
            }
            AtomicFiles.write(file(packageDir), blessing.toJson());
            return Optional.of(blessing);
        }
        remove(packageDir);
        return Optional.empty();
    }

    /**
     * Writes the blessing of a passed report into the package directory, atomically, replacing an older one.
     *
     * @throws ValidationException when a gate failed, or the directory does not exist
     */
    public static Blessing write(final Path packageDir, final ValidationReport report, final String reportSha256) {
        Blessing blessing = of(report, reportSha256, Instant.now());
        AtomicFiles.write(file(packageDir), blessing.toJson());
        return blessing;
    }

    /**
     * Removes the package's blessing, if any.
     *
     * @return whether there was one
     */
    public static boolean remove(final Path packageDir) {
        Path file = file(packageDir);
        try {
            return Files.deleteIfExists(file);
        }
        catch (IOException e) {
            throw new ValidationException("Cannot remove the stale blessing " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The package's blessing, or empty when it has none.
     *
     * @throws ValidationException naming the file and field when the file is not a blessing this version reads
     */
    public static Optional<Blessing> read(final Path packageDir) {
        Path file = file(packageDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new ValidationException(file + ": not a readable blessing: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !KIND.equals(root.path("kind").asText())) {
            throw new ValidationException(file + ": not a blessing (no \"kind\": \"" + KIND + "\")");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version < 1 || version > SCHEMA_VERSION) {
            throw new ValidationException(file + ": blessing schema version " + version
                    + " is not supported; this build reads version " + SCHEMA_VERSION);
        }
        try {
            JsonNode model = root.path("model");
            List<String> gates = new ArrayList<>();
            for (JsonNode gate : root.path("gates")) {
                gates.add(gate.asText());
            }
            List<String> evidence = new ArrayList<>();
            for (JsonNode line : root.path("evidence")) {
                evidence.add(line.asText());
            }
            return Optional.of(new Blessing(version, Instant.parse(text(file, root, "blessedAt")),
                    new ModelIdentity(text(file, model, "name"), optional(model, "version"),
                            optional(model, "sha256"), optional(model, "location")),
                    text(file, root, "data"), optional(root, "dataSha256"), text(file, root, "reportSha256"), gates,
                    optional(root, "incident"), evidence));
        }
        catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ValidationException(file + ": malformed blessing: " + e.getMessage(), e);
        }
    }

    /** The blessing as JSON text, ending with a newline. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", schemaVersion);
        root.put("kind", KIND);
        root.put("blessedAt", blessedAt.toString());
        ObjectNode node = root.putObject("model");
        node.put("name", model.name());
        node.put("version", model.version());
        node.put("sha256", model.sha256());
        node.put("location", model.location());
        root.put("data", data);
        root.put("dataSha256", dataSha256);
        root.put("reportSha256", reportSha256);
        ArrayNode names = root.putArray("gates");
        gates.forEach(names::add);
        // an ordinary blessing stays as version 1 wrote it; older readers ignore the two fields
        if (incident != null) {
            root.put("incident", incident);
            ArrayNode lines = root.putArray("evidence");
            evidence.forEach(lines::add);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        }
        catch (JsonProcessingException e) {
            throw new ValidationException("Cannot write the blessing as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Path file(final Path packageDir) {
        if (!Files.isDirectory(packageDir)) {
            throw new ValidationException(packageDir + ": not a model package directory");
        }
        return packageDir.resolve(FILE_NAME);
    }

    private static String text(final Path file, final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new ValidationException(file + ": malformed blessing: field \"" + field + "\" is missing or not text");
        }
        return value.asText();
    }

    @CheckForNull
    private static String optional(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
