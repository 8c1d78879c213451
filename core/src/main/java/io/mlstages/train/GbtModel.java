package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Task;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Gradient-boosted trees through XGBoost, stored in XGBoost's own JSON format (which Python's xgboost loads). */
final class GbtModel implements Predictor {
    static final String FILE = "xgboost-model.json";
    private static final java.util.concurrent.atomic.AtomicBoolean LOAD_STARTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final Booster booster;
    private final Task task;
    private final int classes;
    private final int width;
    /** The outputs on the training rows, from XGBoost's prediction cache; null once taken or when loaded. */
    @CheckForNull
    private double[] fitted;

    private GbtModel(final Booster booster, final Task task, final int classes, final int width) {
        this.booster = booster;
        this.task = task;
        this.classes = classes;
        this.width = width;
    }

    /**
     * Starts loading XGBoost's native library on a daemon thread and returns at once. The library is extracted
     * from the jar (18 MB) and linked on first use, which takes 0.1-0.2 s; started before the data is read, that
     * work overlaps the reading instead of following it. A failure here is left for the first real use of the
     * library to meet and report.
     */
    static void loadLibraryInBackground() {
        if (!LOAD_STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                Class.forName("ml.dmlc.xgboost4j.java.XGBoostJNI", true, GbtModel.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // the fit or the model's load fails the same way in the calling thread, with its own message
            }
        }, "mlstages-xgboost-load");
        loader.setDaemon(true);
        loader.start();
    }

    /**
     * Trains boosted trees with the {@code hist} method on every core; deterministic for a seed (XGBoost's CPU
     * histogram method sums in a fixed order, and no row or column is sampled unless asked).
     */
    static GbtModel train(final Task task, final int classes, final double[] inputs, final int n, final int width,
            final float[] labels, final Map<String, String> hyper, final long seed) {
        Map<String, Object> params = new HashMap<>();
        switch (task) {
            case BINARY -> {
                params.put("objective", "binary:logistic");
                params.put("eval_metric", "logloss");
            }
            case MULTICLASS -> {
                params.put("objective", "multi:softprob");
                params.put("num_class", classes);
                params.put("eval_metric", "mlogloss");
            }
            case REGRESSION -> {
                params.put("objective", "reg:squarederror");
                params.put("eval_metric", "rmse");
            }
        }
        params.put("tree_method", "hist");
        int threads = Hyperparameters.integer(hyper, "threads");
        params.put("nthread", threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        params.put("seed", seed);
        params.put("eta", Hyperparameters.number(hyper, "learningRate"));
        params.put("grow_policy", hyper.get("growPolicy"));
        params.put("max_leaves", Hyperparameters.integer(hyper, "maxLeaves"));
        params.put("max_depth", Hyperparameters.integer(hyper, "maxDepth"));
        params.put("min_child_weight", Hyperparameters.number(hyper, "minChildWeight"));
        params.put("subsample", Hyperparameters.number(hyper, "subsample"));
        params.put("colsample_bytree", Hyperparameters.number(hyper, "colsampleByTree"));
        params.put("lambda", Hyperparameters.number(hyper, "l2"));
        params.put("alpha", Hyperparameters.number(hyper, "l1"));
        params.put("max_bin", Hyperparameters.integer(hyper, "maxBin"));
        params.put("verbosity", 0);
        DMatrix matrix = null;
        try {
            matrix = new DMatrix(toFloats(inputs), n, width, Float.NaN);
            matrix.setLabel(labels);
            Booster booster = XGBoost.train(matrix, params, Hyperparameters.integer(hyper, "rounds"), new HashMap<>(),
                    null, null);
            GbtModel model = new GbtModel(booster, task, classes, width);
            // On the matrix it was trained on, XGBoost answers from the predictions it kept while boosting instead
            // of walking every tree for every row again (0.25 s for 100,000 rows and 100 trees on one core).
            model.fitted = model.outputsOf(booster.predict(matrix), n);
            return model;
        } catch (XGBoostError e) {
            throw new TrainException("XGBoost failed: " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** Loads a model saved by {@link #toBytes}; errors name the file. */
    static GbtModel load(final byte[] bytes, final String file, final ModelMetadata metadata) {
        try {
            Booster booster = XGBoost.loadModel(bytes);
            long features = booster.getNumFeature();
            if (features != metadata.encodedWidth()) {
                throw new ModelPackageException(file + ": the XGBoost model has " + features
                        + " inputs but the model's features encode to " + metadata.encodedWidth());
            }
            return new GbtModel(booster, metadata.task(), metadata.classes().size(), metadata.encodedWidth());
        } catch (XGBoostError | IOException e) {
            throw new ModelPackageException(file + ": XGBoost cannot load it: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    static float[] toFloats(final double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    @Override
    public int outputs() {
        return task == Task.REGRESSION ? 1 : classes;
    }

    @Override
    public double[] predict(final double[] inputs, final int rows) {
        if (rows == 0) {
            return new double[0];
        }
        float[][] raw;
        try {
            raw = booster.inplace_predict(toFloats(inputs), rows, width, Float.NaN);
        } catch (XGBoostError e) {
            throw new ModelPackageException("XGBoost cannot predict: " + e.getMessage(), e);
        }
        return outputsOf(raw, rows);
    }

    @Override
    public java.util.Optional<double[]> takeFittedOutputs() {
        double[] out = fitted;
        fitted = null;
        return java.util.Optional.ofNullable(out);
    }

    /** XGBoost's transformed predictions (probabilities, or values) as {@link #predict}'s row-major outputs. */
    private double[] outputsOf(final float[][] raw, final int rows) {
        int outputs = outputs();
        double[] out = new double[rows * outputs];
        for (int r = 0; r < rows; r++) {
            int at = r * outputs;
            switch (task) {
                case BINARY -> {
                    double p = raw[r][0];
                    out[at] = 1 - p;
                    out[at + 1] = p;
                }
                case MULTICLASS -> {
                    double sum = 0;
                    for (int k = 0; k < classes; k++) {
                        sum += raw[r][k];
                    }
                    for (int k = 0; k < classes; k++) {
                        out[at + k] = raw[r][k] / sum;
                    }
                }
                case REGRESSION -> out[at] = raw[r][0];
            }
        }
        return out;
    }

    /**
     * XGBoost's exact tree SHAP contributions of each row: per row, per output group (one for binary and
     * regression, one per class for multiclass), {@code width} input contributions then the bias; a group's values
     * sum to its margin (log-odds, a class's raw score, or the regression's prediction).
     */
    float[][] contributions(final double[] inputs, final int rows) {
        return predictOn(inputs, rows, true);
    }

    /** The margin of each row per output group, before the link function: what {@link #contributions} sums to. */
    float[][] margins(final double[] inputs, final int rows) {
        return predictOn(inputs, rows, false);
    }

    /** The encoded inputs' width. */
    int width() {
        return width;
    }

    private float[][] predictOn(final double[] inputs, final int rows, final boolean contributions) {
        DMatrix matrix = null;
        try {
            matrix = new DMatrix(toFloats(inputs), rows, width, Float.NaN);
            return contributions ? booster.predictContrib(matrix, 0) : booster.predict(matrix, true);
        } catch (XGBoostError e) {
            throw new ModelPackageException("XGBoost cannot compute the " + (contributions ? "contributions"
                    : "margins") + ": " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    @Override
    public String fileName() {
        return FILE;
    }

    @Override
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            booster.saveModel(out, "json");
            return out.toByteArray();
        } catch (XGBoostError | IOException e) {
            throw new ModelPackageException("XGBoost cannot save the model: " + e.getMessage(), e);
        }
    }
}
