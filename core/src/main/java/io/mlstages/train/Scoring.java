package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ColumnType;
import io.mlstages.data.DataException;
import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import io.mlstages.metrics.Predictions;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Scores a model package on a labelled data file, giving the {@link Predictions} that validation measures. */
public final class Scoring {
    /** Rows encoded and predicted together: large enough for XGBoost's batch speed, small enough for memory. */
    private static final int BATCH = 8192;

    private Scoring() {
    }

    /**
     * Predicts every row of {@code data} that has a target value (rows whose target is missing are skipped) and
     * pairs the predictions with the true values. The feature columns are read with the types the model was
     * trained on. A category the model never saw encodes as all zeros and is counted in
     * {@link Predictions#unseen()}.
     *
     * @throws DataException naming the file when the target or a feature column is absent, or a row's class is not
     *                       one of the model's classes (naming the line)
     * @throws ModelPackageException when the model was trained externally
     */
    public static Predictions score(final ModelPackage model, final Path data, final ReadOptions read) {
        return score(model, data, read, List.of()).predictions();
    }

    /**
     * A column of the scored rows, kept next to their predictions (validation's slices).
     *
     * @param name    the column
     * @param type    its type as read (a feature's type is the model's)
     * @param labels  each scored row's value as text (a whole number without its fraction), null when missing
     * @param numbers each scored row's number for a numeric column, NaN when missing; null for other columns
     */
    public record Column(String name, ColumnType type, String[] labels, @CheckForNull double[] numbers) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type of " + name);
            Objects.requireNonNull(labels, "labels of " + name);
        }
    }

    /**
     * Predictions and, for each of their rows, the values of some columns.
     *
     * @param predictions the predictions, as {@link #score(ModelPackage, Path, ReadOptions)} makes them
     * @param columns     the kept columns, in the order asked
     */
    public record Scored(Predictions predictions, List<Column> columns) {
        public Scored {
            Objects.requireNonNull(predictions, "predictions");
            columns = List.copyOf(columns);
        }
    }

    /**
     * As {@link #score(ModelPackage, Path, ReadOptions)}, keeping the values of {@code keep} for each scored row.
     *
     * @throws DataException naming the file when a kept column is absent, or as {@link #score(ModelPackage, Path,
     *                       ReadOptions)}
     */
    public static Scored score(final ModelPackage model, final Path data, final ReadOptions read,
            final List<String> keep) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(read, "read");
        ModelMetadata metadata = model.metadata();
        Predictor predictor = model.predictor();
        Encoder encoder = model.encoder();
        Map<String, ColumnType> types = new HashMap<>(read.types());
        for (Feature feature : metadata.features()) {
            types.put(feature.name(), feature.type());
        }
        try (RowSource source = DataReader.open(data, read.withTypes(types))) {
            int target = source.schema().indexOf(metadata.target());
            if (target < 0) {
                throw new DataException(data, 0, metadata.target(), "the target column '" + metadata.target()
                        + "' is not in the data, so the model cannot be measured on it; its columns are "
                        + source.schema().names());
            }
            int[] at = encoder.locate(source);
            int[] kept = new int[keep.size()];
            List<List<String>> keptLabels = new java.util.ArrayList<>();
            for (int c = 0; c < kept.length; c++) {
                kept[c] = source.schema().indexOf(keep.get(c));
                if (kept[c] < 0) {
                    throw new DataException(data, 0, keep.get(c), "the column '" + keep.get(c)
                            + "' is not in the data; its columns are " + source.schema().names());
                }
                keptLabels.add(new java.util.ArrayList<>());
            }
            boolean classification = metadata.task().isClassification();
            Map<String, Integer> classIndex = new HashMap<>();
            for (int k = 0; k < metadata.classes().size(); k++) {
                classIndex.put(metadata.classes().get(k), k);
            }
            int width = encoder.width();
            int outputs = predictor.outputs();
            double[] batch = new double[BATCH * width];
            int inBatch = 0;
            int rows = 0;
            int[] actualClass = new int[1024];
            double[] actualValue = new double[1024];
            double[] predicted = new double[1024 * outputs];
            long unseen = 0;
            while (source.next()) {
                if (source.isMissing(target)) {
                    continue;
                }
                if (rows == actualClass.length) {
                    actualClass = Arrays.copyOf(actualClass, rows * 2);
                    actualValue = Arrays.copyOf(actualValue, rows * 2);
                    predicted = Arrays.copyOf(predicted, rows * 2 * outputs);
                }
                if (classification) {
                    String label = Labels.of(source, target);
                    Integer index = classIndex.get(label);
                    if (index == null) {
                        throw new DataException(data, source.line(), metadata.target(), "the class '" + label
                                + "' is not one the model knows: " + metadata.classes());
                    }
                    actualClass[rows] = index;
                } else {
                    actualValue[rows] = source.number(target);
                }
                for (int c = 0; c < kept.length; c++) {
                    keptLabels.get(c).add(source.isMissing(kept[c]) ? null : Labels.of(source, kept[c]));
                }
                if (encoder.encode(source, at, batch, inBatch * width)) {
                    unseen++;
                }
                inBatch++;
                rows++;
                if (inBatch == BATCH) {
                    flush(predictor, batch, inBatch, predicted, (rows - inBatch) * outputs);
                    inBatch = 0;
                }
            }
            flush(predictor, batch, inBatch, predicted, (rows - inBatch) * outputs);
            List<Column> columns = new java.util.ArrayList<>();
            for (int c = 0; c < kept.length; c++) {
                ColumnType type = source.schema().column(kept[c]).type();
                String[] labels = keptLabels.get(c).toArray(new String[0]);
                double[] numbers = null;
                if (type == ColumnType.NUMERIC) {
                    numbers = new double[labels.length];
                    for (int i = 0; i < labels.length; i++) {
                        numbers[i] = labels[i] == null ? Double.NaN : Double.parseDouble(labels[i]);
                    }
                }
                columns.add(new Column(keep.get(c), type, labels, numbers));
            }
            if (classification) {
                double[][] probabilities = new double[rows][];
                for (int i = 0; i < rows; i++) {
                    probabilities[i] = Arrays.copyOfRange(predicted, i * outputs, (i + 1) * outputs);
                }
                return new Scored(new Predictions(metadata.task(), metadata.classes(), Arrays.copyOf(actualClass, rows),
                        probabilities, null, null, unseen), columns);
            }
            return new Scored(new Predictions(metadata.task(), List.of(), null, null, Arrays.copyOf(actualValue, rows),
                    Arrays.copyOf(predicted, rows), unseen), columns);
        }
    }

    /**
     * The model's probabilities for every row of {@code data}, whatever its target holds (it may be absent): what
     * a classifier says about unlabelled rows. The feature columns are read with the types the model was trained on.
     *
     * @throws DataException naming the file when a feature column is absent
     * @throws ModelPackageException when the model was trained externally
     * @throws IllegalArgumentException when the model is not a classifier
     */
    public static double[][] probabilities(final ModelPackage model, final Path data, final ReadOptions read) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(read, "read");
        ModelMetadata metadata = model.metadata();
        if (!metadata.task().isClassification()) {
            throw new IllegalArgumentException("A " + metadata.task().label() + " model gives no probabilities");
        }
        Predictor predictor = model.predictor();
        Encoder encoder = model.encoder();
        Map<String, ColumnType> types = new HashMap<>(read.types());
        for (Feature feature : metadata.features()) {
            types.put(feature.name(), feature.type());
        }
        try (RowSource source = DataReader.open(data, read.withTypes(types))) {
            int[] at = encoder.locate(source);
            int width = encoder.width();
            int outputs = predictor.outputs();
            double[] batch = new double[BATCH * width];
            int inBatch = 0;
            int rows = 0;
            double[] predicted = new double[1024 * outputs];
            while (source.next()) {
                if (rows * outputs == predicted.length) {
                    predicted = Arrays.copyOf(predicted, predicted.length * 2);
                }
                encoder.encode(source, at, batch, inBatch * width);
                inBatch++;
                rows++;
                if (inBatch == BATCH) {
                    flush(predictor, batch, inBatch, predicted, (rows - inBatch) * outputs);
                    inBatch = 0;
                }
            }
            flush(predictor, batch, inBatch, predicted, (rows - inBatch) * outputs);
            double[][] out = new double[rows][];
            for (int i = 0; i < rows; i++) {
                out[i] = Arrays.copyOfRange(predicted, i * outputs, (i + 1) * outputs);
            }
            return out;
        }
    }

    private static void flush(final Predictor predictor, final double[] batch, final int rows, final double[] out,
            final int offset) {
        if (rows == 0) {
            return;
        }
        double[] inputs = rows * (batch.length / BATCH) == batch.length ? batch
                : Arrays.copyOf(batch, rows * (batch.length / BATCH));
        double[] result = predictor.predict(inputs, rows);
        System.arraycopy(result, 0, out, offset, result.length);
    }
}
