package io.mlstages.registry;

import io.mlstages.train.Feature;
import io.mlstages.train.Lineage;
import io.mlstages.train.ModelMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes a {@link VersionDiff} from two versions' metadata. */
final class Diffs {
    private Diffs() {
    }

    static VersionDiff of(final ModelVersion a, final ModelMetadata left, final ModelVersion b,
            final ModelMetadata right) {
        List<VersionDiff.MetricChange> metrics = new ArrayList<>();
        TreeSet<String> splits = new TreeSet<>(left.metrics().keySet());
        splits.addAll(right.metrics().keySet());
        for (String split : splits) {
            Map<String, Double> l = left.metrics().getOrDefault(split, Map.of());
            Map<String, Double> r = right.metrics().getOrDefault(split, Map.of());
            TreeSet<String> names = new TreeSet<>(l.keySet());
            names.addAll(r.keySet());
            for (String name : names) {
                metrics.add(new VersionDiff.MetricChange(split, name, l.get(name), r.get(name)));
            }
        }
        return new VersionDiff(a.model(), a.version(), b.version(), metrics,
                changes(features(left), features(right)),
                changes(left.hyperparameters(), right.hyperparameters()),
                changes(lineage(a, left), lineage(b, right)),
                changes(a.files(), b.files()));
    }

    /** Each feature as its type and, for categorical ones, its categories: what a caller must send. */
    private static Map<String, String> features(final ModelMetadata metadata) {
        Map<String, String> features = new TreeMap<>();
        for (Feature feature : metadata.features()) {
            features.put(feature.name(), feature.categories().isEmpty() ? feature.type().label()
                    : feature.type().label() + " " + feature.categories());
        }
        return features;
    }

    private static Map<String, String> lineage(final ModelVersion version, final ModelMetadata metadata) {
        Map<String, String> values = new TreeMap<>();
        Lineage lineage = metadata.lineage();
        values.put("algorithm", version.algorithm());
        values.put("task", version.task());
        values.put("target", metadata.target());
        values.put("classes", metadata.classes().toString());
        for (Lineage.Input input : lineage.inputs()) {
            values.put("input " + input.file(), input.sha256() + " (" + input.rows() + " rows)");
        }
        values.put("gitCommit", lineage.gitCommit());
        values.put("buildUrl", lineage.buildUrl());
        values.put("trainedAt", lineage.trainedAt());
        values.put("toolVersion", lineage.toolVersion());
        values.put("seed", Long.toString(lineage.seed()));
        values.put("blessed", Boolean.toString(version.blessed()));
        values.put("registeredBy", version.registeredBy().user());
        values.values().removeIf(Objects::isNull);
        return values;
    }

    /** The names whose values differ, sorted; null stands for absent. */
    private static List<VersionDiff.Change> changes(final Map<String, String> a, final Map<String, String> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        List<VersionDiff.Change> changes = new ArrayList<>();
        for (String name : names) {
            String left = a.get(name);
            String right = b.get(name);
            if (!Objects.equals(left, right)) {
                changes.add(new VersionDiff.Change(name, left, right));
            }
        }
        return changes;
    }
}
