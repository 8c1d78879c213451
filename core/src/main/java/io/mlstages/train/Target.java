package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Task;

import io.mlstages.data.ColumnType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The target of a training: its task, its classes in model order, and each row's class or value. */
final class Target {
    final Task task;
    final List<String> classes;
    /** Per row of the data: the class index in {@link #classes}, for classification. */
    @CheckForNull final int[] classIndex;
    @CheckForNull final double[] values;

    private Target(final Task task, final List<String> classes, @CheckForNull final int[] classIndex,
            @CheckForNull final double[] values) {
        this.task = task;
        this.classes = classes;
        this.classIndex = classIndex;
        this.values = values;
    }

    /**
     * Decides the task (given, or inferred) and orders the classes: numerically for a numeric target, else by text.
     *
     * @throws TrainException for a single-valued target, or a task that the target cannot have
     */
    static Target of(final TrainingData data, final TrainOptions options) {
        String name = options.target();
        if (data.rows == 0) {
            throw new TrainException(data.file + ": no row has a value in the target column '" + name + "'");
        }
        boolean numeric = data.targetType == ColumnType.NUMERIC;
        int distinct = data.targetDistinct();
        if (distinct < 2) {
            throw new TrainException(data.file + ": the target column '" + name + "' holds a single value ("
                    + data.targetValues() + ") in all " + data.rows + " rows; there is nothing to learn");
        }
        Task inferred = distinct == 2 ? Task.BINARY
                : !numeric || (data.targetIsWholeNumbers() && distinct <= TrainOptions.MAX_INFERRED_CLASSES)
                        ? Task.MULTICLASS : Task.REGRESSION;
        Task task = options.task() == null ? inferred : options.task();
        if (task == Task.REGRESSION) {
            if (!numeric) {
                throw new TrainException(data.file + ": the target column '" + name + "' is "
                        + data.targetType.label() + ", but regression needs numbers");
            }
            double[] values = java.util.Arrays.copyOf(Objects.requireNonNull(data.targetNumbers, "numeric target"),
                    data.rows);
            for (double value : values) {
                if (!Double.isFinite(value)) {
                    throw new TrainException(data.file + ": the target column '" + name + "' holds " + value
                            + "; a regression target must be finite");
                }
            }
            return new Target(task, List.of(), null, values);
        }
        if (task == Task.BINARY && distinct != 2) {
            throw new TrainException(data.file + ": the target column '" + name + "' has " + distinct
                    + " distinct values, but a binary task needs exactly 2");
        }
        if (distinct > Trainer.MAX_CLASSES) {
            throw new TrainException(data.file + ": the target column '" + name + "' has " + distinct
                    + " distinct values; a classifier here takes at most " + Trainer.MAX_CLASSES
                    + " (is it a regression target?)");
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < data.targetLabels.size(); c++) {
            order.add(c);
        }
        if (numeric) {
            order.sort(Comparator.comparingDouble(c -> Double.parseDouble(data.targetLabels.get(c))));
        } else {
            order.sort(Comparator.comparing(data.targetLabels::get));
        }
        int[] indexOfCode = new int[order.size()];
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            indexOfCode[order.get(i)] = i;
            classes.add(data.targetLabels.get(order.get(i)));
        }
        int[] classIndex = new int[data.rows];
        for (int r = 0; r < data.rows; r++) {
            classIndex[r] = indexOfCode[data.targetCodes[r]];
        }
        return new Target(task, List.copyOf(classes), classIndex, null);
    }

    int[] classesOf(final int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Objects.requireNonNull(classIndex, "a classification target")[rows[i]];
        }
        return out;
    }

    double[] valuesOf(final int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Objects.requireNonNull(values, "a regression target")[rows[i]];
        }
        return out;
    }
}
