package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * A linear model on standardized inputs: {@code z = (x - center) / scale} (0 when x is missing), then per output
 * {@code a = intercept + weights . z}; the sigmoid of {@code a} for binary, the softmax over the classes for
 * multiclass, {@code a} itself for regression.
 */
final class LinearModel implements Predictor {
    static final String FILE = "coefficients.json";
    static final String KIND = "mlstages-coefficients";

    final Task task;
    final int classes;
    final double[] center;
    final double[] scale;
    final double[] intercepts;
    final double[][] weights;
    @CheckForNull private Algorithm algorithm;
    @CheckForNull private List<String> inputNames;
    @CheckForNull private List<String> outputNames;
    private List<String> notes = List.of();

    LinearModel(final Task task, final int classes, final double[] center, final double[] scale,
            final double[] intercepts, final double[][] weights) {
        this.task = task;
        this.classes = classes;
        this.center = center;
        this.scale = scale;
        this.intercepts = intercepts;
        this.weights = weights;
    }

    @Override
    public int outputs() {
        return task == Task.REGRESSION ? 1 : classes;
    }

    @Override
    public double[] predict(final double[] inputs, final int rows) {
        int d = center.length;
        int m = intercepts.length;
        int outputs = outputs();
        double[] out = new double[rows * outputs];
        double[] z = new double[d];
        double[] a = new double[m];
        for (int r = 0; r < rows; r++) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                double x = inputs[base + j];
                z[j] = Double.isNaN(x) ? 0.0 : (x - center[j]) / scale[j];
            }
            for (int k = 0; k < m; k++) {
                double sum = intercepts[k];
                double[] w = weights[k];
                for (int j = 0; j < d; j++) {
                    sum += w[j] * z[j];
                }
                a[k] = sum;
            }
            int at = r * outputs;
            switch (task) {
                case REGRESSION -> out[at] = a[0];
                case BINARY -> {
                    double p = sigmoid(a[0]);
                    out[at] = 1 - p;
                    out[at + 1] = p;
                }
                case MULTICLASS -> softmax(a, out, at);
            }
        }
        return out;
    }

    static double sigmoid(final double a) {
        if (a >= 0) {
            return 1.0 / (1.0 + Math.exp(-a));
        }
        double e = Math.exp(a);
        return e / (1.0 + e);
    }

    static void softmax(final double[] a, final double[] out, final int at) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double e = Math.exp(a[k] - max);
            out[at + k] = e;
            sum += e;
        }
        for (int k = 0; k < a.length; k++) {
            out[at + k] /= sum;
        }
    }

    @Override
    public String fileName() {
        return FILE;
    }

    /** Names the model's inputs and outputs, for a readable coefficients file. */
    LinearModel named(final Algorithm by, final List<String> inputs, final List<String> outputs) {
        algorithm = by;
        inputNames = List.copyOf(inputs);
        outputNames = List.copyOf(outputs);
        return this;
    }

    LinearModel withNotes(final List<String> value) {
        notes = List.copyOf(value);
        return this;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public byte[] toBytes() {
        return Json.bytes(toJson(Objects.requireNonNull(algorithm, "named() before toBytes()"),
                Objects.requireNonNull(inputNames, "inputNames"), Objects.requireNonNull(outputNames, "outputNames")));
    }

    /** The coefficients as JSON, with readable input names. */
    ObjectNode toJson(final Algorithm algorithm, final List<String> inputNames, final List<String> outputNames) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("kind", KIND);
        root.put("algorithm", algorithm.label());
        root.put("task", task.label());
        ArrayNode inputs = root.putArray("inputs");
        for (int j = 0; j < center.length; j++) {
            ObjectNode input = inputs.addObject();
            input.put("name", inputNames.get(j));
            input.put("center", center[j]);
            input.put("scale", scale[j]);
        }
        ArrayNode outputs = root.putArray("outputs");
        for (int k = 0; k < intercepts.length; k++) {
            ObjectNode output = outputs.addObject();
            output.put("name", outputNames.get(k));
            output.put("intercept", intercepts[k]);
            ArrayNode w = output.putArray("weights");
            for (double value : weights[k]) {
                w.add(value);
            }
        }
        return root;
    }

    /** Reads coefficients, checking their shape against the metadata; errors name the file. */
    static LinearModel fromJson(final JsonNode root, final String file, final ModelMetadata metadata) {
        if (!KIND.equals(root.path("kind").asText())) {
            throw new ModelPackageException(file + ": not a coefficients file (kind is not '" + KIND + "')");
        }
        int d = metadata.encodedWidth();
        JsonNode inputs = root.path("inputs");
        JsonNode outputs = root.path("outputs");
        int m = metadata.task() == Task.MULTICLASS ? metadata.classes().size() : 1;
        if (!inputs.isArray() || inputs.size() != d) {
            throw new ModelPackageException(file + ": expected " + d + " inputs for the model's features, found "
                    + inputs.size());
        }
        if (!outputs.isArray() || outputs.size() != m) {
            throw new ModelPackageException(file + ": expected " + m + " outputs, found " + outputs.size());
        }
        double[] center = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            center[j] = Json.number(inputs.get(j), "center", file);
            scale[j] = Json.number(inputs.get(j), "scale", file);
            if (!(scale[j] > 0)) {
                throw new ModelPackageException(file + ": input " + (j + 1) + " has scale " + scale[j]
                        + "; it must be positive");
            }
        }
        double[] intercepts = new double[m];
        double[][] weights = new double[m][d];
        for (int k = 0; k < m; k++) {
            JsonNode output = outputs.get(k);
            intercepts[k] = Json.number(output, "intercept", file);
            JsonNode w = output.path("weights");
            if (!w.isArray() || w.size() != d) {
                throw new ModelPackageException(file + ": output " + (k + 1) + " needs " + d + " weights, found "
                        + w.size());
            }
            for (int j = 0; j < d; j++) {
                if (!w.get(j).isNumber()) {
                    throw new ModelPackageException(file + ": output " + (k + 1) + ", weight " + (j + 1)
                            + " is not a number");
                }
                weights[k][j] = w.get(j).doubleValue();
            }
        }
        return new LinearModel(metadata.task(), metadata.classes().size(), center, scale, intercepts, weights);
    }
}
