package io.mlstages.train;

import io.mlstages.metrics.Task;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Fitting of the linear models: L2 logistic regression by L-BFGS, ridge regression by normal equations. */
final class LinearFits {
    /**
     * Rows per chunk of the parallel sums. Chunks are fixed by the row count, never by the number of threads, and
     * their partial sums are added in chunk order, so results are the same on any machine.
     */
    static final int CHUNK = 2048;

    private LinearFits() {
    }

    /** Standardizes encoded inputs: {@code (x - center) / scale}, 0 where missing. */
    static double[] standardize(final double[] inputs, final int d, final double[] center, final double[] scale) {
        double[] z = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            int j = i % d;
            double x = inputs[i];
            z[i] = Double.isNaN(x) ? 0.0 : (x - center[j]) / scale[j];
        }
        return z;
    }

    /**
     * Fits logistic regression. The objective is the mean log loss plus {@code l2 / (2 n)} times the squared
     * weights (intercepts unpenalised): scikit-learn's objective with {@code C = 1 / l2}, divided by n.
     */
    static LinearModel logistic(final Task task, final int classes, final double[] inputs, final int n,
            final double[] center, final double[] scale, final int[] y, final Map<String, String> hyper) {
        int d = center.length;
        double[] z = standardize(inputs, d, center, scale);
        int m = task == Task.BINARY ? 1 : classes;
        double l2 = Hyperparameters.number(hyper, "l2");
        int p = m * (d + 1);
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[][] partial = new double[chunks][p + 1];
        Lbfgs.Objective objective = (w, gradient) -> {
            IntStream.range(0, chunks).parallel().forEach(c -> {
                double[] part = partial[c];
                java.util.Arrays.fill(part, 0.0);
                int from = c * CHUNK;
                int to = Math.min(n, from + CHUNK);
                if (m == 1) {
                    part[p] = binaryChunk(z, d, y, w, from, to, part);
                } else {
                    part[p] = softmaxChunk(z, d, m, y, w, from, to, part);
                }
            });
            double loss = 0;
            java.util.Arrays.fill(gradient, 0.0);
            for (double[] part : partial) {
                loss += part[p];
                for (int i = 0; i < p; i++) {
                    gradient[i] += part[i];
                }
            }
            double penalty = 0;
            for (int k = 0; k < m; k++) {
                int base = k * (d + 1);
                for (int j = 0; j < d; j++) {
                    double wj = w[base + j];
                    penalty += wj * wj;
                    gradient[base + j] += l2 * wj;
                }
            }
            for (int i = 0; i < p; i++) {
                gradient[i] /= n;
            }
            return (loss + 0.5 * l2 * penalty) / n;
        };
        Lbfgs.Result result = Lbfgs.minimize(objective, new double[p], Hyperparameters.integer(hyper, "maxIterations"),
                Hyperparameters.number(hyper, "tolerance"));
        double[] intercepts = new double[m];
        double[][] weights = new double[m][d];
        for (int k = 0; k < m; k++) {
            System.arraycopy(result.x(), k * (d + 1), weights[k], 0, d);
            intercepts[k] = result.x()[k * (d + 1) + d];
        }
        List<String> notes = result.converged() ? List.of() : List.of("L-BFGS stopped after " + result.iterations()
                + " iterations before the largest gradient component reached tolerance "
                + hyper.get("tolerance") + "; raise maxIterations or the tolerance, or check the inputs");
        return new LinearModel(task, classes, center, scale, intercepts, weights).withNotes(notes);
    }

    private static double binaryChunk(final double[] z, final int d, final int[] y, final double[] w, final int from,
            final int to, final double[] gradient) {
        double loss = 0;
        double bias = w[d];
        for (int r = from; r < to; r++) {
            int base = r * d;
            double a = bias;
            for (int j = 0; j < d; j++) {
                a += z[base + j] * w[j];
            }
            // log(1 + e^a) - y a = max(a, 0) + log(1 + e^-|a|) - y a, and the sigmoid, from one exp: the
            // transcendental functions cost more than the 2 d multiply-adds of a row
            double label = y[r];
            double e = Math.exp(-Math.abs(a));
            double softplus = e < 1e-5 ? e * (1 - 0.5 * e) : Math.log(1 + e);
            loss += Math.max(a, 0) + softplus - label * a;
            double sigmoid = a >= 0 ? 1 / (1 + e) : e / (1 + e);
            double g = sigmoid - label;
            for (int j = 0; j < d; j++) {
                gradient[j] += g * z[base + j];
            }
            gradient[d] += g;
        }
        return loss;
    }

    private static double softmaxChunk(final double[] z, final int d, final int m, final int[] y, final double[] w,
            final int from, final int to, final double[] gradient) {
        double loss = 0;
        double[] a = new double[m];
        for (int r = from; r < to; r++) {
            int base = r * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                int wb = k * (d + 1);
                double sum = w[wb + d];
                for (int j = 0; j < d; j++) {
                    sum += z[base + j] * w[wb + j];
                }
                a[k] = sum;
                max = Math.max(max, sum);
            }
            double total = 0;
            for (int k = 0; k < m; k++) {
                a[k] = Math.exp(a[k] - max);
                total += a[k];
            }
            int label = y[r];
            double logTotal = Math.log(total);
            // -log p_y = log(sum e^(a - max)) - (a_y - max); a[label] now holds e^(a_y - max)
            loss += logTotal - Math.log(a[label]);
            for (int k = 0; k < m; k++) {
                double g = a[k] / total - (k == label ? 1.0 : 0.0);
                int wb = k * (d + 1);
                for (int j = 0; j < d; j++) {
                    gradient[wb + j] += g * z[base + j];
                }
                gradient[wb + d] += g;
            }
        }
        return loss;
    }

    /**
     * Fits ridge regression: least squares plus {@code l2} times the squared weights (the intercept unpenalised),
     * on standardized inputs, solved through the normal equations by Cholesky decomposition.
     *
     * @throws TrainException when the system is singular (only possible with l2 = 0 and collinear inputs)
     */
    static LinearModel ridge(final double[] inputs, final int n, final double[] center, final double[] scale,
            final double[] y, final Map<String, String> hyper) {
        int d = center.length;
        double[] z = standardize(inputs, d, center, scale);
        double l2 = Hyperparameters.number(hyper, "l2");
        int q = d + 1;
        double[][] gram = new double[q][q];
        double[] rhs = new double[q];
        double[] row = new double[q];
        row[d] = 1.0;
        for (int r = 0; r < n; r++) {
            System.arraycopy(z, r * d, row, 0, d);
            double target = y[r];
            for (int i = 0; i < q; i++) {
                double ri = row[i];
                if (ri == 0.0) {
                    continue;
                }
                rhs[i] += ri * target;
                double[] gi = gram[i];
                for (int j = i; j < q; j++) {
                    gi[j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < i; j++) {
                gram[i][j] = gram[j][i];
            }
            if (i < d) {
                gram[i][i] += l2;
            }
        }
        RealVector solution;
        try {
            solution = new CholeskyDecomposition(new Array2DRowRealMatrix(gram, false), 1e-12, 1e-12).getSolver()
                    .solve(new ArrayRealVector(rhs, false));
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new TrainException("Ridge regression: the inputs are collinear and l2 is " + l2
                    + "; use l2 > 0 (for example l2=1.0)", e);
        }
        double[][] weights = new double[1][d];
        for (int j = 0; j < d; j++) {
            weights[0][j] = solution.getEntry(j);
        }
        return new LinearModel(Task.REGRESSION, 0, center, scale, new double[] {solution.getEntry(d)}, weights);
    }
}
