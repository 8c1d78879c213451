package io.mlstages.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;


/**
 * Measures how far drift statistics computed from KLL sketches stray from the same statistics computed from
 * the raw values, for several k. Not a unit test (it takes a minute): run it with
 * {@code java -cp <test classpath> io.mlstages.profile.SketchErrorBenchmark}. The table it prints is the one
 * in docs/profiles.md that chose {@link ProfileSettings#DEFAULT_SKETCH_K}.
 *
 * <p>Recipes, as the drift checks use them: Wasserstein from the two quantile functions on a grid of 200
 * mid-point ranks (-Dgrid=n to change it), divided by the reference standard deviation; KS as the largest
 * CDF difference at the quantiles of both samples on a grid of 2,000 mid-point ranks; PSI and Jensen–Shannon
 * (distance, base 2) over bins cut at the reference quantiles (10 and 20 bins). The raw-data side computes Wasserstein and KS exactly over all
 * values, so the error includes the grid's discretisation.</p>
 */
public final class SketchErrorBenchmark {
    private static final int N = 1_000_000;
    private static final int GRID = Integer.getInteger("grid", 200);
    private static final int KS_GRID = 2_000;
    private static final int REPEATS = Integer.getInteger("repeats", 5);

    private SketchErrorBenchmark() {
    }

    public static void main(final String[] args) {
        int[] ks = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {200, 400, 1000, 2000};
        Random random = new Random(2026);
        String[] names = {"normal, same", "normal, +0.1 sd", "lognormal, same", "lognormal, x1.1"};
        DoubleUnaryOperator[] currents = {x -> x, x -> x + 0.1, x -> x, x -> x + Math.log(1.1)};
        boolean[] logs = {false, false, true, true};
        System.out.println("| k | bytes (1M values) | data | W/std exact | W err | KS exact | KS err "
                + "| PSI10 err | PSI20 err | JS10 err | JS20 err |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int s = 0; s < names.length; s++) {
            double[] reference = new double[N];
            double[] current = new double[N];
            for (int i = 0; i < N; i++) {
                double a = random.nextGaussian();
                double b = currents[s].applyAsDouble(random.nextGaussian());
                reference[i] = logs[s] ? Math.exp(a) : a;
                current[i] = logs[s] ? Math.exp(b) : b;
            }
            Arrays.sort(reference);
            Arrays.sort(current);
            double std = std(reference);
            Stats exact = stats(exactSummary(reference), exactSummary(current), std);
            double exactW = exactWasserstein(reference, current) / std;
            double exactKs = exactKs(reference, current);
            for (int k : ks) {
                double[] worst = new double[6];
                int bytes = 0;
                for (int r = 0; r < REPEATS; r++) {
                    NumericSummary ref = sketchSummary(reference, k, random);
                    NumericSummary cur = sketchSummary(current, k, random);
                    bytes = Math.max(bytes, ref.sketch().length);
                    Stats sketched = stats(ref, cur, std);
                    worst[0] = Math.max(worst[0], Math.abs(sketched.wasserstein - exactW));
                    worst[1] = Math.max(worst[1], Math.abs(sketched.ks - exactKs));
                    worst[2] = Math.max(worst[2], Math.abs(sketched.psi10 - exact.psi10));
                    worst[3] = Math.max(worst[3], Math.abs(sketched.psi20 - exact.psi20));
                    worst[4] = Math.max(worst[4], Math.abs(sketched.js10 - exact.js10));
                    worst[5] = Math.max(worst[5], Math.abs(sketched.js20 - exact.js20));
                }
                System.out.printf(Locale.ROOT, "| %d | %d | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n",
                        k, bytes, names[s], exactW, worst[0], exactKs, worst[1], worst[2], worst[3], worst[4],
                        worst[5]);
            }
            System.out.printf(Locale.ROOT, "(grid-only Wasserstein error for %s: %.5f)%n", names[s],
                    Math.abs(exact.wasserstein - exactW));
        }
    }

    private record Stats(double wasserstein, double ks, double psi10, double psi20, double js10, double js20) {
    }

    private static Stats stats(final NumericSummary reference, final NumericSummary current, final double std) {
        double[] ranks = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            ranks[i] = (i + 0.5) / GRID;
        }
        double[] qr = reference.quantiles(ranks);
        double[] qc = current.quantiles(ranks);
        double w = 0;
        for (int i = 0; i < GRID; i++) {
            w += Math.abs(qr[i] - qc[i]);
        }
        w /= GRID;
        double[] fine = new double[KS_GRID];
        for (int i = 0; i < KS_GRID; i++) {
            fine[i] = (i + 0.5) / KS_GRID;
        }
        double[] points = new double[2 * KS_GRID];
        System.arraycopy(reference.quantiles(fine), 0, points, 0, KS_GRID);
        System.arraycopy(current.quantiles(fine), 0, points, KS_GRID, KS_GRID);
        double[] fr = reference.cdf(points);
        double[] fc = current.cdf(points);
        double ks = 0;
        for (int i = 0; i < points.length; i++) {
            ks = Math.max(ks, Math.abs(fr[i] - fc[i]));
        }
        double[] psiJs10 = binned(reference, current, 10);
        double[] psiJs20 = binned(reference, current, 20);
        return new Stats(w / std, ks, psiJs10[0], psiJs20[0], psiJs10[1], psiJs20[1]);
    }

    /** PSI and the Jensen–Shannon distance over bins cut at the reference's quantiles. */
    private static double[] binned(final NumericSummary reference, final NumericSummary current, final int bins) {
        double[] cutRanks = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            cutRanks[i - 1] = (double) i / bins;
        }
        double[] cuts = reference.quantiles(cutRanks);
        double[] r = shares(reference.cdf(cuts));
        double[] c = shares(current.cdf(cuts));
        double psi = 0;
        double js = 0;
        for (int i = 0; i < r.length; i++) {
            double p = Math.max(r[i], 1e-4);
            double q = Math.max(c[i], 1e-4);
            psi += (q - p) * Math.log(q / p);
            double m = (r[i] + c[i]) / 2;
            js += 0.5 * term(r[i], m) + 0.5 * term(c[i], m);
        }
        return new double[] {psi, Math.sqrt(Math.max(0, js))};
    }

    private static double term(final double p, final double m) {
        return p == 0 ? 0 : p * Math.log(p / m) / Math.log(2);
    }

    private static double[] shares(final double[] cdf) {
        double[] shares = new double[cdf.length + 1];
        double previous = 0;
        for (int i = 0; i < cdf.length; i++) {
            shares[i] = cdf[i] - previous;
            previous = cdf[i];
        }
        shares[cdf.length] = 1 - previous;
        return shares;
    }

    private static NumericSummary exactSummary(final double[] sorted) {
        return new NumericSummary(sorted.length, 0, 0, 0, sorted[0], sorted[sorted.length - 1], 0, 0,
                NumericSummary.Histogram.empty(), new QuantileSketch(ProfileSettings.DEFAULT_SKETCH_K).toByteArray(), sorted);
    }

    private static NumericSummary sketchSummary(final double[] sorted, final int k, final Random random) {
        // feed the values in random order, as a file would: a sorted stream is a KLL best case
        int[] order = new int[sorted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (Boolean.getBoolean("unsorted")) { // for comparison: the values one by one, in random order
            QuantileSketch sketch = new QuantileSketch(k);
            for (int index : order) {
                sketch.update(sorted[index]);
            }
            return new NumericSummary(sorted.length, 0, 0, 0, sorted[0], sorted[sorted.length - 1], 0, 0,
                    NumericSummary.Histogram.empty(), sketch.toByteArray(), null);
        }
        // through the profiler's own path (sorted blocks into the sketch), with no values kept
        NumericAccumulator accumulator = new NumericAccumulator(new ProfileSettings(k, 20, 100, 0),
                NumericAccumulator.MAX_BLOCK, new BlockSorter(NumericAccumulator.MAX_BLOCK));
        for (int index : order) {
            accumulator.add(sorted[index]);
        }
        return accumulator.finish();
    }

    private static double std(final double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    /** The integral of |F_a - F_b| over the merged sorted values. */
    private static double exactWasserstein(final double[] a, final double[] b) {
        int i = 0;
        int j = 0;
        double total = 0;
        double previous = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            double next = j >= b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            total += Math.abs((double) i / a.length - (double) j / b.length) * (next - previous);
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
            previous = next;
        }
        return total;
    }

    private static double exactKs(final double[] a, final double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double next = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }
}
