package io.mlstages.train;

import io.mlstages.data.ColumnType;
import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains a model package on a data file: tree SHAP contributions for gradient-boosted trees, standardized
 * coefficients for linear models, each summed from the encoded inputs back into the features the user named
 * ({@link Explanation}).
 */
public final class Explainer {
    /** Rows encoded and explained together, as in {@link Scoring}. */
    private static final int BATCH = 8192;

    private Explainer() {
    }

    /**
     * Explains the model on every row of the data (the target is not needed).
     *
     * @return the explanation, or empty when the engine cannot score the model (an external trainer's) or the data
     *         has no rows
     * @throws io.mlstages.data.DataException naming the file when a feature column is absent or malformed
     */
    public static Optional<Explanation> explain(final ModelPackage model, final Path data, final ReadOptions read) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(read, "read");
        if (!model.canPredict()) {
            return Optional.empty();
        }
        Predictor predictor = model.predictor();
        Encoder encoder = model.encoder();
        Accumulator sums = predictor instanceof GbtModel gbt ? new Shap(gbt, encoder)
                : new Coefficients((LinearModel) predictor, encoder);
        Map<String, ColumnType> types = new HashMap<>(read.types());
        for (Feature feature : model.metadata().features()) {
            types.put(feature.name(), feature.type());
        }
        int width = encoder.width();
        long rows = 0;
        try (RowSource source = DataReader.open(data, read.withTypes(types))) {
            int[] at = encoder.locate(source);
            double[] batch = new double[BATCH * width];
            int inBatch = 0;
            while (source.next()) {
                encoder.encode(source, at, batch, inBatch * width);
                inBatch++;
                rows++;
                if (inBatch == BATCH) {
                    sums.add(batch, inBatch);
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                sums.add(java.util.Arrays.copyOf(batch, inBatch * width), inBatch);
            }
        }
        if (rows == 0) {
            return Optional.empty();
        }
        double[] perFeature = sums.weights(rows);
        List<Explanation.Weight> weights = new ArrayList<>();
        for (int f = 0; f < perFeature.length; f++) {
            weights.add(new Explanation.Weight(encoder.features().get(f).name(), perFeature[f]));
        }
        weights.sort(Comparator.comparingDouble(Explanation.Weight::weight).reversed()
                .thenComparing(Explanation.Weight::name));
        return Optional.of(new Explanation(sums.method(), model.metadata().task(), rows, weights));
    }

    /**
     * Each feature's contribution to each row's margin in every output group, the bias last: {@code
     * [row][group][feature + 1]}, a categorical feature's one-hot inputs summed into it. Package-private: the tests
     * check that a row's contributions sum to its margin.
     */
    static double[][][] featureContributions(final GbtModel model, final Encoder encoder, final double[] inputs,
            final int rows) {
        float[][] raw = model.contributions(inputs, rows);
        int width = encoder.width();
        int features = encoder.features().size();
        double[][][] out = new double[rows][][];
        for (int r = 0; r < rows; r++) {
            int groups = raw[r].length / (width + 1);
            out[r] = new double[groups][features + 1];
            for (int g = 0; g < groups; g++) {
                int base = g * (width + 1);
                for (int f = 0; f < features; f++) {
                    int from = encoder.offset(f);
                    double sum = 0;
                    for (int j = from; j < from + encoder.features().get(f).width(); j++) {
                        sum += raw[r][base + j];
                    }
                    out[r][g][f] = sum;
                }
                out[r][g][features] = raw[r][base + width];
            }
        }
        return out;
    }

    /** Sums over the data's batches, then the features' weights. */
    private interface Accumulator {
        void add(double[] inputs, int rows);

        double[] weights(long rows);

        Explanation.Method method();
    }

    /** Mean absolute tree SHAP contribution per feature, summed over the output groups (the classes). */
    private static final class Shap implements Accumulator {
        private final GbtModel model;
        private final Encoder encoder;
        private final double[] absolute;

        Shap(final GbtModel model, final Encoder encoder) {
            this.model = model;
            this.encoder = encoder;
            absolute = new double[encoder.features().size()];
        }

        @Override
        public void add(final double[] inputs, final int rows) {
            double[][][] contributions = featureContributions(model, encoder, inputs, rows);
            for (double[][] row : contributions) {
                for (double[] group : row) {
                    for (int f = 0; f < absolute.length; f++) {
                        absolute[f] += Math.abs(group[f]);
                    }
                }
            }
        }

        @Override
        public double[] weights(final long rows) {
            double[] mean = absolute.clone();
            for (int f = 0; f < mean.length; f++) {
                mean[f] /= rows;
            }
            return mean;
        }

        @Override
        public Explanation.Method method() {
            return Explanation.Method.TREE_SHAP;
        }
    }

    /**
     * Standardized coefficients: the model's weight per input is per training standard deviation ({@code (x -
     * center) / scale}), so the coefficient of the raw input is {@code w / scale}, and times the input's standard
     * deviation on this data it is the margin's change for one standard deviation here. A feature's weight is the
     * sum of its inputs' absolute values over the outputs (the classes).
     */
    private static final class Coefficients implements Accumulator {
        private final LinearModel model;
        private final Encoder encoder;
        // Welford's running moments of each input over its non-missing values
        private final long[] count;
        private final double[] mean;
        private final double[] m2;

        Coefficients(final LinearModel model, final Encoder encoder) {
            this.model = model;
            this.encoder = encoder;
            count = new long[encoder.width()];
            mean = new double[encoder.width()];
            m2 = new double[encoder.width()];
        }

        @Override
        public void add(final double[] inputs, final int rows) {
            int width = count.length;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    double x = inputs[r * width + j];
                    if (!Double.isNaN(x)) {
                        count[j]++;
                        double delta = x - mean[j];
                        mean[j] += delta / count[j];
                        m2[j] += delta * (x - mean[j]);
                    }
                }
            }
        }

        @Override
        public double[] weights(final long rows) {
            double[] weights = new double[encoder.features().size()];
            for (int f = 0; f < weights.length; f++) {
                int from = encoder.offset(f);
                for (int j = from; j < from + encoder.features().get(f).width(); j++) {
                    double sd = count[j] > 1 ? Math.sqrt(m2[j] / (count[j] - 1)) : 0;
                    for (double[] output : model.weights) {
                        weights[f] += Math.abs(output[j] / model.scale[j] * sd);
                    }
                }
            }
            return weights;
        }

        @Override
        public Explanation.Method method() {
            return Explanation.Method.STANDARDIZED_COEFFICIENTS;
        }
    }
}
