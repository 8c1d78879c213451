package io.mlstages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.io.AtomicFiles;
import io.mlstages.train.ModelMetadata;
import io.mlstages.train.ModelPackage;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The short results commands print, as text for people and as JSON for machines. */
final class Summaries {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Summaries() {
    }

    /** What {@code train} prints: the package, the model, its metrics; and the same as JSON when asked. */
    static void printTraining(final PrintWriter out, final ModelPackage model, final Path output,
            final double seconds, final String json) {
        ModelMetadata metadata = model.metadata();
        ObjectNode summary = JSON.createObjectNode();
        summary.put("kind", "mlstages-training-summary");
        summary.put("package", output.toString());
        summary.put("algorithm", metadata.algorithm().label());
        summary.put("task", metadata.task().label());
        summary.put("target", metadata.target());
        summary.put("features", metadata.features().size());
        // the names too: the pipeline step returns them, and a count alone cannot be checked
        com.fasterxml.jackson.databind.node.ArrayNode names = summary.putArray("featureNames");
        metadata.features().forEach(f -> names.add(f.name()));
        // what was left out and why (an empty column among them), so that a pipeline can see it without model.json
        ObjectNode skipped = summary.putObject("skipped");
        metadata.skipped().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> skipped.put(e.getKey(), e.getValue()));
        summary.putPOJO("notes", metadata.notes());
        summary.putPOJO("classes", metadata.classes());
        summary.put("trainingRows", metadata.rows().training());
        summary.put("holdoutRows", metadata.rows().holdout());
        summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
        if (Double.isFinite(metadata.fitSeconds())) {
            summary.put("fitSeconds", Math.round(metadata.fitSeconds() * 1000) / 1000.0);
        }
        ObjectNode metrics = summary.putObject("metrics");
        metadata.metrics().forEach((split, values) -> {
            ObjectNode node = metrics.putObject(split);
            values.forEach((name, value) -> {
                if (Double.isFinite(value)) {
                    node.put(name, value);
                }
                else {
                    node.putNull(name);
                }
            });
        });
        String text = json(summary);
        if ("-".equals(json)) {
            out.println(text);
            out.flush();
            return;
        }
        if (json != null) {
            AtomicFiles.write(Converters.path(json), text + "\n");
        }
        out.printf(Locale.ROOT, "Trained %s (%s) on %,d rows in %.1f s (fit %.2f s) -> %s%n",
                metadata.algorithm().label(), metadata.task().label(), metadata.rows().training(), seconds,
                metadata.fitSeconds(), output);
        out.printf(Locale.ROOT, "  target %s, %d features%s%n", metadata.target(), metadata.features().size(),
                metadata.classes().isEmpty() ? "" : ", classes " + metadata.classes());
        for (Map.Entry<String, Map<String, Double>> split : metadata.metrics().entrySet()) {
            StringBuilder line = new StringBuilder("  ").append(split.getKey()).append(':');
            split.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(
                    m -> line.append(' ').append(m.getKey()).append('=')
                            .append(String.format(Locale.ROOT, "%.4f", m.getValue())));
            out.println(line);
        }
        if (!metadata.skipped().isEmpty()) {
            out.println("  left out: " + metadata.skipped());
        }
        out.flush();
    }

    /** An engine record (registry versions, alias moves, deploy results) as JSON; instants, durations, paths as text. */
    static String recordJson(final Object value) {
        return io.mlstages.usecase.DeploymentJson.record(value);
    }

    /** Writes JSON to a file, or to stdout when the file is '-'. */
    static void emit(final PrintWriter out, final String json, final String text) {
        if ("-".equals(json)) {
            out.println(text);
        }
        else {
            AtomicFiles.write(Converters.path(json), text + "\n");
        }
    }

    static String json(final ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A summary is always writable as JSON", e);
        }
    }
}
