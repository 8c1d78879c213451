package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Predictions;

import io.mlstages.data.ColumnType;
import io.mlstages.data.DataException;
import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;
import io.mlstages.metrics.Task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the predictions of a model the engine cannot load (scored elsewhere) from a CSV or JSON Lines file, so
 * that its metrics and gates work as for a model package. The format ({@code docs/validation.md}):
 *
 * <ul>
 * <li>a column of true values ({@code actual} by default);</li>
 * <li>for classification with probabilities: one column per class named with a prefix ({@code p_<class>}), in
 *     the model's class order; for two classes the second is the positive one. A predicted-class column may be
 *     present as well and must then name the most probable class;</li>
 * <li>for classification without probabilities: a predicted-class column ({@code predicted}); each prediction
 *     counts as probability 1, so ROC AUC and log loss measure hard labels;</li>
 * <li>for regression: a predicted-value column ({@code predicted}).</li>
 * </ul>
 *
 * <p>Without an explicit task, probability columns mean classification (two columns: binary); otherwise numeric
 * true and predicted columns mean regression, and anything else classification.</p>
 */
public final class PredictionsFile {
    /** A row's probabilities may sum to 1 within this (files often round probabilities to a few digits). */
    static final double SUM_TOLERANCE = 1e-3;

    private PredictionsFile() {
    }

    /**
     * How a predictions file is laid out.
     *
     * @param task              the task, or null to infer it from the columns
     * @param actualColumn      the column of true values
     * @param predictedColumn   the column of predicted classes or values
     * @param probabilityPrefix the prefix of the per-class probability columns
     * @param positiveClass     for two classes, the positive one (default: the second probability column, or the
     *                          greater label when there are no probabilities), or null
     * @param read              how to read the file (format, delimiter, missing tokens)
     */
    public record Options(@CheckForNull Task task, String actualColumn, String predictedColumn, String probabilityPrefix,
            @CheckForNull String positiveClass, ReadOptions read) {
        /** The default column of true values. */
        public static final String DEFAULT_ACTUAL = "actual";
        /** The default column of predictions. */
        public static final String DEFAULT_PREDICTED = "predicted";
        /** The default prefix of probability columns. */
        public static final String DEFAULT_PREFIX = "p_";

        public Options {
            requireName("actualColumn", actualColumn);
            requireName("predictedColumn", predictedColumn);
            requireName("probabilityPrefix", probabilityPrefix);
            if (actualColumn.equals(predictedColumn)) {
                throw new IllegalArgumentException("The true and predicted columns are the same column '"
                        + actualColumn + "'");
            }
            if (positiveClass != null && positiveClass.isEmpty()) {
                positiveClass = null;
            }
            Objects.requireNonNull(read, "read options");
        }

        /** Columns {@code actual}, {@code predicted}, {@code p_<class>}; task inferred; default read options. */
        public static Options defaults() {
            return new Options(null, DEFAULT_ACTUAL, DEFAULT_PREDICTED, DEFAULT_PREFIX, null, ReadOptions.defaults());
        }

        public Options withTask(final Task value) {
            return new Options(value, actualColumn, predictedColumn, probabilityPrefix, positiveClass, read);
        }

        public Options withActualColumn(final String value) {
            return new Options(task, value, predictedColumn, probabilityPrefix, positiveClass, read);
        }

        public Options withPredictedColumn(final String value) {
            return new Options(task, actualColumn, value, probabilityPrefix, positiveClass, read);
        }

        public Options withProbabilityPrefix(final String value) {
            return new Options(task, actualColumn, predictedColumn, value, positiveClass, read);
        }

        public Options withPositiveClass(final String value) {
            return new Options(task, actualColumn, predictedColumn, probabilityPrefix, value, read);
        }

        public Options withRead(final ReadOptions value) {
            return new Options(task, actualColumn, predictedColumn, probabilityPrefix, positiveClass, value);
        }

        private static void requireName(final String what, final String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " must name a column, not '" + name + "'");
            }
        }
    }

    /**
     * Reads a predictions file.
     *
     * @throws DataException naming the file, line and column when the file does not follow the format
     */
    public static Predictions read(final Path file, final Options options) {
        try (RowSource source = DataReader.open(file, options.read())) {
            Schema schema = source.schema();
            int actual = require(file, schema, options.actualColumn(), "the true values");
            int predicted = schema.indexOf(options.predictedColumn());
            List<Integer> probabilityColumns = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (int i = 0; i < schema.size(); i++) {
                String name = schema.column(i).name();
                if (name.startsWith(options.probabilityPrefix()) && name.length() > options.probabilityPrefix().length()
                        && i != actual && i != predicted) {
                    probabilityColumns.add(i);
                    classes.add(name.substring(options.probabilityPrefix().length()));
                }
            }
            Task task = task(file, schema, options, actual, predicted, probabilityColumns);
            if (task == Task.REGRESSION) {
                if (predicted < 0) {
                    throw missingColumn(file, schema, options.predictedColumn(), "the predicted values");
                }
                return regression(source, actual, predicted);
            }
            if (!probabilityColumns.isEmpty()) {
                return withProbabilities(source, options, task, actual, predicted, probabilityColumns, classes);
            }
            if (predicted < 0) {
                throw missingColumn(file, schema, options.predictedColumn(), "the predicted classes (or give "
                        + options.probabilityPrefix() + "<class> probability columns)");
            }
            return hardLabels(source, options, task, actual, predicted);
        }
    }

    @CheckForNull
    private static Task task(final Path file, final Schema schema, final Options options, final int actual,
            final int predicted, final List<Integer> probabilityColumns) {
        int k = probabilityColumns.size();
        if (k == 1) {
            throw new DataException(file, 1, schema.column(probabilityColumns.get(0)).name(),
                    "is the only probability column: give one per class (for two classes, both "
                            + options.probabilityPrefix() + "<negative> and " + options.probabilityPrefix()
                            + "<positive>)");
        }
        Task task = options.task();
        if (task == null) {
            if (k >= 2) {
                return k == 2 ? Task.BINARY : Task.MULTICLASS;
            }
            boolean numeric = predicted >= 0 && schema.column(actual).type() == ColumnType.NUMERIC
                    && schema.column(predicted).type() == ColumnType.NUMERIC;
            return numeric ? Task.REGRESSION : null; // null: classification, binary or not by the labels found
        }
        if (task == Task.REGRESSION && k > 0) {
            throw new DataException(file, 1, null, "has probability columns (" + options.probabilityPrefix()
                    + "...) but the task is regression");
        }
        if (task == Task.BINARY && k > 2 || task == Task.MULTICLASS && k == 2) {
            throw new DataException(file, 1, null, "has " + k + " probability columns but the task is "
                    + task.label());
        }
        return task;
    }

    private static Predictions regression(final RowSource source, final int actual, final int predicted) {
        double[] truth = new double[1024];
        double[] guess = new double[1024];
        int n = 0;
        while (source.next()) {
            if (n == truth.length) {
                truth = Arrays.copyOf(truth, n * 2);
                guess = Arrays.copyOf(guess, n * 2);
            }
            truth[n] = number(source, actual, "the true value");
            guess[n] = number(source, predicted, "the predicted value");
            n++;
        }
        return new Predictions(Task.REGRESSION, List.of(), null, null, Arrays.copyOf(truth, n),
                Arrays.copyOf(guess, n), 0);
    }

    private static Predictions withProbabilities(final RowSource source, final Options options, final Task task,
            final int actual, final int predicted, final List<Integer> columns, final List<String> names) {
        int k = columns.size();
        List<String> classes = new ArrayList<>(names);
        int[] order = new int[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        if (options.positiveClass() != null) {
            int positive = classes.indexOf(options.positiveClass());
            if (k != 2 || positive < 0) {
                throw new DataException(source.file(), 1, null, "the positive class '" + options.positiveClass()
                        + "' must be one of two probability columns; the classes are " + classes);
            }
            if (positive == 0) {
                order = new int[] {1, 0};
                classes = List.of(names.get(1), names.get(0));
            }
        }
        Labels labels = new Labels(classes);
        Path file = source.file();
        String actualName = source.schema().column(actual).name();
        int[] truth = new int[1024];
        double[][] probabilities = new double[1024][];
        int n = 0;
        while (source.next()) {
            if (n == truth.length) {
                truth = Arrays.copyOf(truth, n * 2);
                probabilities = Arrays.copyOf(probabilities, n * 2);
            }
            truth[n] = labels.index(source, actual, actualName, "true class");
            double[] row = new double[k];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                int column = columns.get(order[c]);
                double p = number(source, column, "a probability");
                if (!(p >= 0 && p <= 1)) {
                    throw new DataException(file, source.line(), source.schema().column(column).name(),
                            "'" + source.text(column).trim() + "' is not a probability between 0 and 1");
                }
                row[c] = p;
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new DataException(file, source.line(), null, "the class probabilities sum to " + sum
                        + ", not 1 (within " + SUM_TOLERANCE + ")");
            }
            probabilities[n] = row;
            if (predicted >= 0) {
                int claimed = labels.index(source, predicted, options.predictedColumn(), "predicted class");
                int best = argmax(row);
                if (claimed != best) {
                    throw new DataException(file, source.line(), options.predictedColumn(), "the predicted class '"
                            + source.text(predicted).trim() + "' is not the most probable one ('" + classes.get(best)
                            + "'): the engine predicts the most probable class; drop the column, or give "
                            + "probabilities that agree with it");
                }
            }
            n++;
        }
        noRows(file, n);
        Task actualTask = task == null ? (k == 2 ? Task.BINARY : Task.MULTICLASS) : task;
        return new Predictions(actualTask, classes, Arrays.copyOf(truth, n), Arrays.copyOf(probabilities, n),
                null, null, 0);
    }

    private static Predictions hardLabels(final RowSource source, final Options options, final Task task,
            final int actual, final int predicted) {
        List<String> truth = new ArrayList<>();
        List<String> guess = new ArrayList<>();
        Path file = source.file();
        while (source.next()) {
            truth.add(label(source, actual, "the true class"));
            guess.add(label(source, predicted, "the predicted class"));
        }
        noRows(file, truth.size());
        Set<String> distinct = new LinkedHashSet<>(truth);
        distinct.addAll(guess);
        List<String> classes = sorted(distinct);
        if (options.positiveClass() != null) {
            if (classes.size() != 2 || !classes.contains(options.positiveClass())) {
                throw new DataException(file, 0, null, "the positive class '" + options.positiveClass()
                        + "' must be one of two classes; the classes found are " + classes);
            }
            if (classes.get(0).equals(options.positiveClass())) {
                classes = List.of(classes.get(1), classes.get(0));
            }
        }
        if (classes.size() < 2) {
            throw new DataException(file, 0, null, "holds only the class " + classes
                    + ": a classification needs at least two classes");
        }
        Task actualTask = classes.size() == 2 ? Task.BINARY : Task.MULTICLASS;
        if (task != null && task != actualTask) {
            throw new DataException(file, 0, null, "the task is " + task.label() + " but the true and predicted "
                    + "classes are " + classes);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int n = truth.size();
        int[] actualClass = new int[n];
        double[][] probabilities = new double[n][classes.size()];
        for (int i = 0; i < n; i++) {
            actualClass[i] = index.get(truth.get(i));
            probabilities[i][index.get(guess.get(i))] = 1;
        }
        return new Predictions(actualTask, classes, actualClass, probabilities, null, null, 0);
    }

    /** Labels sorted as numbers when all are numbers (so 2 comes before 10), else as text. */
    private static List<String> sorted(final Set<String> labels) {
        List<String> out = new ArrayList<>(labels);
        boolean numeric = out.stream().allMatch(PredictionsFile::isNumber);
        if (numeric) {
            out.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        else {
            out.sort(null);
        }
        return out;
    }

    private static boolean isNumber(final String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

    private static int argmax(final double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static String label(final RowSource source, final int column, final String what) {
        if (source.isMissing(column)) {
            throw new DataException(source.file(), source.line(), source.schema().column(column).name(),
                    what + " is missing");
        }
        return source.text(column).trim();
    }

    private static double number(final RowSource source, final int column, final String what) {
        String name = source.schema().column(column).name();
        if (source.isMissing(column)) {
            throw new DataException(source.file(), source.line(), name, what + " is missing");
        }
        if (source.schema().column(column).type() == ColumnType.NUMERIC) {
            return source.number(column);
        }
        String text = source.text(column).trim();
        try {
            return Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            throw new DataException(source.file(), source.line(), name, "'" + text + "' is not a number (" + what
                    + ")");
        }
    }

    private static int require(final Path file, final Schema schema, final String name, final String what) {
        int index = schema.indexOf(name);
        if (index < 0) {
            throw missingColumn(file, schema, name, what);
        }
        return index;
    }

    private static DataException missingColumn(final Path file, final Schema schema, final String name,
            final String what) {
        return new DataException(file, 1, name, "no such column for " + what + "; the columns are "
                + String.join(", ", schema.names()));
    }

    private static void noRows(final Path file, final int rows) {
        if (rows == 0) {
            throw new DataException(file, 0, null, "has no predictions");
        }
    }

    /** Class labels by text, with numbers matched by value so that {@code 1.0} finds the class {@code 1}. */
    private static final class Labels {
        private final List<String> classes;
        private final Map<String, Integer> byText = new HashMap<>();
        private final Map<Double, Integer> byNumber = new HashMap<>();

        Labels(final List<String> classes) {
            this.classes = classes;
            for (int c = 0; c < classes.size(); c++) {
                byText.put(classes.get(c), c);
                if (isNumber(classes.get(c))) {
                    byNumber.putIfAbsent(Double.parseDouble(classes.get(c)), c);
                }
            }
        }

        int index(final RowSource source, final int column, final String name, final String what) {
            String text = label(source, column, "the " + what);
            Integer index = byText.get(text);
            if (index == null && !byNumber.isEmpty() && isNumber(text)) {
                index = byNumber.get(Double.parseDouble(text));
            }
            if (index == null) {
                throw new DataException(source.file(), source.line(), name, "the " + what + " '" + text
                        + "' has no probability column; the classes are " + classes);
            }
            return index;
        }
    }
}
