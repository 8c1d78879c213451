package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.data.ColumnType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code model.json}: the metadata of a model package, to and from JSON. */
final class PackageJson {
    static final String KIND = "mlstages-model";

    private PackageJson() {
    }

    static ObjectNode toJson(final ModelMetadata m) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("kind", KIND);
        root.put("formatVersion", m.formatVersion());
        root.put("algorithm", m.algorithm().label());
        root.put("task", m.task().label());
        root.put("target", m.target());
        m.classes().forEach(root.putArray("classes")::add);
        var features = root.putArray("features");
        for (Feature f : m.features()) {
            ObjectNode node = features.addObject();
            node.put("name", f.name());
            node.put("type", f.type().label());
            if (f.type() == ColumnType.NUMERIC) {
                putNumber(node, "mean", f.mean());
                putNumber(node, "std", f.std());
            } else {
                node.put("encoding", "one-hot");
                f.categories().forEach(node.putArray("categories")::add);
            }
        }
        ObjectNode skipped = root.putObject("skipped");
        new java.util.TreeMap<>(m.skipped()).forEach(skipped::put);
        ObjectNode hyper = root.putObject("hyperparameters");
        m.hyperparameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> hyper.put(e.getKey(), e.getValue()));
        ObjectNode rows = root.putObject("rows");
        rows.put("training", m.rows().training());
        rows.put("holdout", m.rows().holdout());
        rows.put("withoutTarget", m.rows().withoutTarget());
        ObjectNode metrics = root.putObject("metrics");
        List<String> splits = new ArrayList<>(List.of("training", "holdout"));
        m.metrics().keySet().stream().sorted().filter(s -> !splits.contains(s)).forEach(splits::add);
        for (String split : splits) {
            Map<String, Double> values = m.metrics().get(split);
            if (values != null) {
                ObjectNode node = metrics.putObject(split);
                values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> putNumber(node, e.getKey(), e.getValue()));
            }
        }
        putNumber(root, "fitSeconds", m.fitSeconds());
        m.notes().forEach(root.putArray("notes")::add);
        root.put("modelFile", m.modelFile());
        ObjectNode files = root.putObject("files");
        new java.util.TreeMap<>(m.files()).forEach(files::put);
        Lineage l = m.lineage();
        ObjectNode lineage = root.putObject("lineage");
        var inputs = lineage.putArray("inputs");
        for (Lineage.Input input : l.inputs()) {
            ObjectNode node = inputs.addObject();
            node.put("file", input.file());
            node.put("sha256", input.sha256());
            node.put("rows", input.rows());
        }
        lineage.put("gitCommit", l.gitCommit());
        lineage.put("buildUrl", l.buildUrl());
        lineage.put("trainedAt", l.trainedAt());
        lineage.put("toolVersion", l.toolVersion());
        lineage.put("javaVersion", l.javaVersion());
        lineage.put("os", l.os());
        lineage.put("seed", l.seed());
        return root;
    }

    private static void putNumber(final ObjectNode node, final String field, final double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /**
     * Reads {@code model.json}.
     *
     * @throws ModelPackageException naming the file and field, or the version this build reads
     */
    static ModelMetadata fromJson(final JsonNode root, final String file) {
        if (!root.isObject() || !KIND.equals(root.path("kind").asText())) {
            throw new ModelPackageException(file + ": not a model package's metadata (its kind is not '" + KIND + "')");
        }
        JsonNode version = root.path("formatVersion");
        if (!version.isInt()) {
            throw new ModelPackageException(file + ": 'formatVersion' must be a whole number, not " + version);
        }
        if (version.intValue() > ModelPackage.FORMAT_VERSION) {
            throw new ModelPackageException(file + ": the package has format version " + version.intValue()
                    + ", written by a newer mlstages; this build reads format version " + ModelPackage.FORMAT_VERSION
                    + " only");
        }
        if (version.intValue() < 1) {
            throw new ModelPackageException(file + ": format version " + version.intValue() + " does not exist");
        }
        try {
            Algorithm algorithm = Algorithm.parse(text(root, "algorithm", file));
            Task task = parseTask(text(root, "task", file), file);
            List<String> classes = strings(root.path("classes"), "classes", file);
            List<Feature> features = new ArrayList<>();
            for (JsonNode node : array(root, "features", file)) {
                String name = text(node, "name", file);
                ColumnType type = ColumnType.parse(text(node, "type", file));
                if (type == ColumnType.NUMERIC) {
                    features.add(new Feature(name, type, List.of(), optionalNumber(node, "mean"),
                            optionalNumber(node, "std")));
                } else {
                    features.add(new Feature(name, type, strings(node.path("categories"), "categories of " + name, file),
                            Double.NaN, Double.NaN));
                }
            }
            JsonNode rows = root.path("rows");
            ModelMetadata.Rows counts = new ModelMetadata.Rows(rows.path("training").asLong(),
                    rows.path("holdout").asLong(), rows.path("withoutTarget").asLong());
            Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("metrics").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> split = it.next();
                Map<String, Double> values = new LinkedHashMap<>();
                split.getValue().fields().forEachRemaining(e -> values.put(e.getKey(),
                        e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN));
                metrics.put(split.getKey(), values);
            }
            JsonNode l = root.path("lineage");
            List<Lineage.Input> inputs = new ArrayList<>();
            for (JsonNode node : l.path("inputs")) {
                inputs.add(new Lineage.Input(text(node, "file", file), text(node, "sha256", file),
                        node.path("rows").asLong()));
            }
            Lineage lineage = new Lineage(inputs, nullableText(l, "gitCommit"), nullableText(l, "buildUrl"),
                    text(l, "trainedAt", file), text(l, "toolVersion", file), text(l, "javaVersion", file),
                    text(l, "os", file), l.path("seed").asLong());
            return new ModelMetadata(version.intValue(), algorithm, task, text(root, "target", file), features,
                    textMap(root.path("skipped")), classes, textMap(root.path("hyperparameters")), metrics, counts,
                    root.path("fitSeconds").isNumber() ? root.path("fitSeconds").doubleValue() : Double.NaN,
                    strings(root.path("notes"), "notes", file), text(root, "modelFile", file), lineage,
                    textMap(root.path("files")));
        } catch (IllegalArgumentException e) {
            throw new ModelPackageException(file + ": " + e.getMessage(), e);
        }
    }

    private static Task parseTask(final String text, final String file) {
        for (Task task : Task.values()) {
            if (task.label().equals(text)) {
                return task;
            }
        }
        throw new ModelPackageException(file + ": unknown task '" + text + "'");
    }

    private static String text(final JsonNode node, final String field, final String file) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new ModelPackageException(file + ": '" + field + "' must be text, not " + value);
        }
        return value.textValue();
    }

    @CheckForNull
    private static String nullableText(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static double optionalNumber(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : Double.NaN;
    }

    private static JsonNode array(final JsonNode node, final String field, final String file) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw new ModelPackageException(file + ": '" + field + "' must be a list");
        }
        return value;
    }

    private static List<String> strings(final JsonNode value, final String what, final String file) {
        List<String> list = new ArrayList<>();
        if (value.isMissingNode()) {
            return list;
        }
        if (!value.isArray()) {
            throw new ModelPackageException(file + ": '" + what + "' must be a list of text");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ModelPackageException(file + ": '" + what + "' holds " + item + ", which is not text");
            }
            list.add(item.textValue());
        }
        return list;
    }

    private static Map<String, String> textMap(final JsonNode value) {
        Map<String, String> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
