package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.Deployer;
import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Metrics;
import io.mlstages.metrics.Predictions;
import io.mlstages.registry.Actor;
import io.mlstages.registry.AliasMove;
import io.mlstages.registry.Registry;
import io.mlstages.serve.PredictionLogs;
import io.mlstages.train.ModelMetadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Live performance: joins a labels (feedback) file to the serving prediction log by request id, computes the metrics
 * of the version an alias points to, and rolls the alias back when a bound fails.
 *
 * <p>The prediction log carries an {@code id} when the caller sent the row with an {@code _id} field (see
 * docs/serve.md and docs/incidents.md); lines without one cannot be joined and are counted as unlabelled.</p>
 */
public final class LivePerformance {
    private LivePerformance() {
    }

    /**
     * Judges the live performance and rolls back when it is below the gate.
     *
     * @param labels      a CSV file with a header: an id column and a label column
     * @param idColumn    the id column (default {@code id})
     * @param labelColumn the label column (default: the model's target)
     * @param logDir      the serving prediction log folder ({@code predictions*.jsonl})
     * @param min         lower bounds by metric (e.g. accuracy 0.9)
     * @param max         upper bounds by metric (e.g. rmse 3.5)
     * @param rollback    whether a failed gate rolls the alias back ({@link Deployer#rollback})
     * @throws IncidentException naming the file and line of a malformed label or log line, or when nothing joins
     */
    public static PerformanceResult check(final Registry registry, final String model, final String alias,
            final Path labels, @CheckForNull final String idColumn, @CheckForNull final String labelColumn,
            final Path logDir, final Map<Metric, Double> min, final Map<Metric, Double> max, final boolean rollback,
            @CheckForNull final Actor actor) {
        Objects.requireNonNull(registry, "registry");
        int version = registry.alias(model, alias).orElseThrow(() -> new IncidentException("The alias '" + alias
                + "' of model " + model + " points to no version: no live performance to judge"));
        ModelMetadata metadata = registry.load(model, version).metadata();
        String idName = idColumn == null ? "id" : idColumn;
        String labelName = labelColumn == null ? metadata.target() : labelColumn;
        Map<String, String> truth = readLabels(labels, idName, labelName);

        boolean classification = metadata.task().isClassification();
        List<String> classes = metadata.classes();
        List<double[]> probabilities = new ArrayList<>();
        List<Integer> actualClass = new ArrayList<>();
        List<Double> actualValue = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        long unlabelled = 0;
        java.util.Set<String> matched = new java.util.HashSet<>();
        for (Path file : PredictionLogs.files(logDir)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = parse(line, file, number);
                    if (!model.equals(node.path("model").asText()) || node.path("modelVersion").asInt() != version) {
                        continue;
                    }
                    String id = node.hasNonNull("id") ? node.get("id").asText() : null;
                    String label = id == null ? null : truth.get(id);
                    if (label == null) {
                        unlabelled++;
                        continue;
                    }
                    matched.add(id);
                    JsonNode prediction = node.path("prediction");
                    if (classification) {
                        int index = classes.indexOf(label);
                        if (index < 0) {
                            throw new IncidentException(labels + ": the label '" + label + "' of id " + id
                                    + " is not a class of " + model + " version " + version + " " + classes);
                        }
                        double[] p = new double[classes.size()];
                        for (int c = 0; c < p.length; c++) {
                            p[c] = prediction.path("probabilities").path(classes.get(c)).asDouble(Double.NaN);
                        }
                        actualClass.add(index);
                        probabilities.add(p);
                    }
                    else {
                        try {
                            actualValue.add(Double.parseDouble(label));
                        }
                        catch (NumberFormatException e) {
                            throw new IncidentException(labels + ": the label '" + label + "' of id " + id
                                    + " is not a number", e);
                        }
                        predicted.add(prediction.path("value").asDouble(Double.NaN));
                    }
                }
            }
            catch (IOException e) {
                throw new IncidentException(file + ": cannot read the prediction log: " + e.getMessage(), e);
            }
        }
        long joined = classification ? actualClass.size() : actualValue.size();
        if (joined == 0) {
            throw new IncidentException("No prediction of " + model + " version " + version + " in " + logDir
                    + " has a label in " + labels + " (" + unlabelled + " predictions without a matching '" + idName
                    + "'): send rows with an _id field to the server so that the log can be joined");
        }
        Predictions predictions = classification
                ? new Predictions(metadata.task(), classes, actualClass.stream().mapToInt(Integer::intValue).toArray(),
                        probabilities.toArray(new double[0][]), null, null, 0)
                : new Predictions(metadata.task(), List.of(), null, null,
                        actualValue.stream().mapToDouble(Double::doubleValue).toArray(),
                        predicted.stream().mapToDouble(Double::doubleValue).toArray(), 0);
        Evaluation evaluation = Metrics.evaluate(predictions);
        List<String> failures = new ArrayList<>();
        bounds(evaluation, min, true, failures);
        bounds(evaluation, max, false, failures);
        Integer back = null;
        if (!failures.isEmpty() && rollback) {
            DeployResult result = Deployer.rollback(registry, model, alias, actor == null ? Actor.fromEnvironment()
                    : actor, "live performance below the gate: " + String.join("; ", failures), List.of());
            // no predecessor: the alias was removed, and the result says to which version (none) it went
            AliasMove move = result.move();
            back = move == null ? null : move.to();
            // the rollback belongs to the model's incident: attach it to the open one, or open one
            Monitor.rolledBack(IncidentStore.of(registry), model, version, back, actor == null ? Actor.fromEnvironment() : actor,
                    "live performance below the gate: " + String.join("; ", failures));
        }
        return new PerformanceResult(model, version, joined, unlabelled, truth.size() - matched.size(), evaluation,
                failures, back);
    }

    private static void bounds(final Evaluation evaluation, final Map<Metric, Double> bounds, final boolean lower,
            final List<String> failures) {
        if (bounds == null) {
            return;
        }
        bounds.forEach((metric, bound) -> {
            double value = evaluation.value(metric);
            if (lower ? !(value >= bound) : !(value <= bound)) {
                failures.add(String.format("%s %.4f is %s the %s %s", metric.label(), value,
                        lower ? "below" : "above", lower ? "minimum" : "maximum", bound));
            }
        });
    }

    static JsonNode parse(final String line, final Path file, final long number) {
        try {
            return io.mlstages.incident.IncidentJson.MAPPER.readTree(line);
        }
        catch (JsonProcessingException e) {
            throw new IncidentException(file + ", line " + number + ": not a JSON prediction log line: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The labels by id; a repeated id keeps its last label (a corrected label arrives later). */
    static Map<String, String> readLabels(final Path labels, final String idColumn, final String labelColumn) {
        Map<String, String> truth = new LinkedHashMap<>();
        try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(labels)) {
            for (NamedCsvRecord record : reader) {
                List<String> header = record.getHeader();
                for (String column : List.of(idColumn, labelColumn)) {
                    if (!header.contains(column)) {
                        throw new IncidentException(labels + ", line 1: no column '" + column + "'; the columns are "
                                + header);
                    }
                }
                String id;
                String label;
                try {
                    id = record.getField(idColumn).strip();
                    label = record.getField(labelColumn).strip();
                }
                catch (java.util.NoSuchElementException e) {
                    throw new IncidentException(labels + ", line " + record.getStartingLineNumber() + ": the row has "
                            + record.getFieldCount() + " fields, fewer than the header's " + header.size(), e);
                }
                if (id.isEmpty() || label.isEmpty()) {
                    continue;
                }
                truth.put(id, label);
            }
        }
        catch (IOException | UncheckedIOException e) {
            throw new IncidentException(labels + ": cannot read the labels: " + e.getMessage(), e);
        }
        catch (CsvParseException e) {
            throw new IncidentException(labels + ": malformed CSV: " + e.getMessage(), e);
        }
        return truth;
    }
}
