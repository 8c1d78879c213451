package io.mlstages.metrics;


import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The metrics {@link Metrics#evaluate} computes, with the name used in options and JSON, the direction in which
 * a value is better, and the tasks it applies to. Definitions and their scikit-learn equivalents are in
 * {@code docs/validation.md}.
 */
public enum Metric {
    /** Share of rows whose predicted class is the true class. */
    ACCURACY("accuracy", true, Tasks.CLASSIFICATION),
    /** Precision of the positive (second) class. */
    PRECISION("precision", true, EnumSet.of(Task.BINARY)),
    /** Recall of the positive (second) class. */
    RECALL("recall", true, EnumSet.of(Task.BINARY)),
    /** F1 of the positive (second) class. */
    F1("f1", true, EnumSet.of(Task.BINARY)),
    /** Unweighted mean of the per-class precisions. */
    PRECISION_MACRO("precision_macro", true, Tasks.CLASSIFICATION),
    /** Unweighted mean of the per-class recalls. */
    RECALL_MACRO("recall_macro", true, Tasks.CLASSIFICATION),
    /** Unweighted mean of the per-class F1 scores. */
    F1_MACRO("f1_macro", true, Tasks.CLASSIFICATION),
    /** Mean of the per-class precisions weighted by each class's number of true rows. */
    PRECISION_WEIGHTED("precision_weighted", true, Tasks.CLASSIFICATION),
    /** Mean of the per-class recalls weighted by support. */
    RECALL_WEIGHTED("recall_weighted", true, Tasks.CLASSIFICATION),
    /** Mean of the per-class F1 scores weighted by support. */
    F1_WEIGHTED("f1_weighted", true, Tasks.CLASSIFICATION),
    /** Area under the ROC curve; for several classes the unweighted mean of the one-vs-rest areas. */
    ROC_AUC("roc_auc", true, Tasks.CLASSIFICATION),
    /** Mean negative log-likelihood of the true class (cross-entropy). */
    LOG_LOSS("log_loss", false, Tasks.CLASSIFICATION),
    /** Root mean squared error. */
    RMSE("rmse", false, EnumSet.of(Task.REGRESSION)),
    /** Mean absolute error. */
    MAE("mae", false, EnumSet.of(Task.REGRESSION)),
    /** Coefficient of determination. */
    R2("r2", true, EnumSet.of(Task.REGRESSION));

    private final String label;
    private final boolean greaterIsBetter;
    private final Set<Task> tasks;

    Metric(final String label, final boolean greaterIsBetter, final Set<Task> tasks) {
        this.label = label;
        this.greaterIsBetter = greaterIsBetter;
        this.tasks = tasks;
    }

    /** The name used in options, JSON and reports, e.g. {@code f1_macro}. */
    public String label() {
        return label;
    }

    /** Whether a greater value is better (false for losses and errors). */
    public boolean greaterIsBetter() {
        return greaterIsBetter;
    }

    /** Whether the metric is computed for a task. */
    public boolean appliesTo(final Task task) {
        return tasks.contains(task);
    }

    /** The metrics computed for a task, in the order reports list them. */
    public static List<Metric> forTask(final Task task) {
        List<Metric> out = new ArrayList<>();
        for (Metric metric : values()) {
            if (metric.appliesTo(task)) {
                out.add(metric);
            }
        }
        return out;
    }

    /**
     * The metric a baseline comparison uses when the user names none: ROC AUC for two classes (it does not
     * depend on a decision threshold), macro F1 for several (every class counts, however rare), RMSE for
     * regression (the loss most regressors minimise).
     */
    public static Metric primary(final Task task) {
        switch (task) {
            case BINARY:
                return ROC_AUC;
            case MULTICLASS:
                return F1_MACRO;
            default:
                return RMSE;
        }
    }

    /**
     * The metric of a name, ignoring case and accepting {@code -} for {@code _}.
     *
     * @throws MetricException naming the value and listing the known names
     */
    public static Metric parse(final String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Metric metric : values()) {
            if (metric.label.equals(key)) {
                return metric;
            }
        }
        List<String> known = new ArrayList<>();
        for (Metric metric : values()) {
            known.add(metric.label);
        }
        throw new MetricException("Unknown metric '" + name + "'; the metrics are " + String.join(", ", known));
    }

    /** Task sets shared by several constants (an enum cannot refer to its own static fields in constructors). */
    private static final class Tasks {
        static final Set<Task> CLASSIFICATION = EnumSet.of(Task.BINARY, Task.MULTICLASS);
    }
}
