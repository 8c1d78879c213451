package io.mlstages.train;

/**
 * Limited-memory BFGS for smooth convex objectives, with a backtracking (Armijo) line search. Deterministic: no
 * randomness, and the objective is expected to sum in a fixed order.
 */
final class Lbfgs {
    /** An objective: fills {@code gradient} at {@code x} and returns the value. */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /** The result: the minimiser, the iterations taken, and whether the gradient tolerance was met. */
    record Result(double[] x, int iterations, boolean converged, double value) {
    }

    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;

    private Lbfgs() {
    }

    /** Minimises from {@code start} until the largest gradient component is at most {@code tolerance}. */
    static Result minimize(final Objective objective, final double[] start, final int maxIterations,
            final double tolerance) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double f = objective.evaluate(x, g);
        double[][] s = new double[MEMORY][n];
        double[][] y = new double[MEMORY][n];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        double[] direction = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        int stored = 0;
        int newest = -1;
        int iteration = 0;
        while (iteration < maxIterations) {
            if (maxAbs(g) <= tolerance) {
                return new Result(x, iteration, true, f);
            }
            iteration++;
            // two-loop recursion: direction = -H g
            for (int i = 0; i < n; i++) {
                direction[i] = -g[i];
            }
            for (int k = 0; k < stored; k++) {
                int at = Math.floorMod(newest - k, MEMORY);
                alpha[at] = rho[at] * dot(s[at], direction);
                axpy(-alpha[at], y[at], direction);
            }
            if (stored > 0) {
                double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                scale(gamma, direction);
            } else {
                scale(1.0 / Math.max(1.0, Math.sqrt(dot(g, g))), direction);
            }
            for (int k = stored - 1; k >= 0; k--) {
                int at = Math.floorMod(newest - k, MEMORY);
                double beta = rho[at] * dot(y[at], direction);
                axpy(alpha[at] - beta, s[at], direction);
            }
            double slope = dot(g, direction);
            if (slope >= 0) {
                // not a descent direction (numerical trouble): restart from steepest descent
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i];
                }
                slope = dot(g, direction);
                stored = 0;
            }
            double step = 1.0;
            double fNew;
            int tries = 0;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * direction[i];
                }
                fNew = objective.evaluate(xNew, gNew);
                if (fNew <= f + ARMIJO * step * slope || ++tries > 40) {
                    break;
                }
                step *= 0.5;
            }
            if (!(fNew <= f)) {
                return new Result(x, iteration, false, f);
            }
            int slot = (newest + 1) % MEMORY;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = xNew[i] - x[i];
                y[slot][i] = gNew[i] - g[i];
                sy += s[slot][i] * y[slot][i];
                yy += y[slot][i] * y[slot][i];
            }
            if (sy > 1e-12 * yy) {
                rho[slot] = 1.0 / sy;
                newest = slot;
                stored = Math.min(stored + 1, MEMORY);
            }
            double previous = f;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            f = fNew;
            if (previous - f <= 1e-15 * Math.max(1.0, Math.abs(f))) {
                // no measurable progress: the optimum is reached to machine precision
                return new Result(x, iteration, maxAbs(g) <= tolerance, f);
            }
        }
        return new Result(x, iteration, maxAbs(g) <= tolerance, f);
    }

    private static double maxAbs(final double[] v) {
        double max = 0;
        for (double value : v) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    private static double dot(final double[] a, final double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(final double a, final double[] x, final double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(final double a, final double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }
}
