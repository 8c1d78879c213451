package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Objects;

/**
 * How two versions of a model differ.
 *
 * @param model           the model's name
 * @param a               the first version
 * @param b               the second version
 * @param metrics         every metric either version records, by split, with both values (null where absent)
 * @param schema          features added, removed or changed (type or categories): the value is the feature's
 *                        type and categories, null where absent
 * @param hyperparameters hyperparameters that differ (null where absent)
 * @param lineage         what differs in where the models came from: algorithm, task, target, training inputs
 *                        and their SHA-256, git commit, build URL, seed, tool version, trained-at
 * @param files           package files whose content differs (SHA-256 values, null where absent)
 */
public record VersionDiff(String model, int a, int b, List<MetricChange> metrics, List<Change> schema,
        List<Change> hyperparameters, List<Change> lineage, List<Change> files) {

    public VersionDiff {
        Objects.requireNonNull(model, "model");
        metrics = List.copyOf(metrics);
        schema = List.copyOf(schema);
        hyperparameters = List.copyOf(hyperparameters);
        lineage = List.copyOf(lineage);
        files = List.copyOf(files);
    }

    /**
     * One metric of one split in both versions.
     *
     * @param split  {@code training} or {@code holdout}
     * @param metric the metric's name
     * @param a      its value in version a, or null
     * @param b      its value in version b, or null
     */
    public record MetricChange(String split, String metric, @CheckForNull Double a, @CheckForNull Double b) {
        public MetricChange {
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(metric, "metric");
        }

        /** b minus a, or NaN when either is absent. */
        public double delta() {
            return a == null || b == null ? Double.NaN : b - a;
        }
    }

    /**
     * One named value that differs.
     *
     * @param name what differs
     * @param a    its value in version a, or null when absent
     * @param b    its value in version b, or null when absent
     */
    public record Change(String name, @CheckForNull String a, @CheckForNull String b) {
        public Change {
            Objects.requireNonNull(name, "name");
        }
    }
}
