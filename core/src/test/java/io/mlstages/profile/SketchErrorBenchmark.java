package io.mlstages.profile;

import io.mlstages.data.ColumnType;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftMethod;
import io.mlstages.drift.DriftOptions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;


/**
 * Measures how far the drift scores the detector computes from two stored profiles (KLL sketches) stray from
 * the scores it computes from the raw values, for several k. Not a unit test (it takes minutes): run it with
 * {@code java -cp <test classpath> io.mlstages.profile.SketchErrorBenchmark [k ...]} (docs/profiles.md gives the
 * command). The table it prints is the one in docs/profiles.md that chose {@link ProfileSettings#DEFAULT_SKETCH_K}.
 *
 * <p>Both sides go through {@link DriftDetector#compare} itself, so the recipe is the detector's by construction
 * (its quantile grids, decile bins, CDF queries and share formulas): once on profiles holding only the sketches,
 * built by the profiler's own accumulator with the default settings but k, and once on profiles keeping every
 * value, which takes the detector's exact path. One more column computes Wasserstein from the same sketches on
 * a grid of 200 mid-point ranks instead of the detector's, for comparison.</p>
 */
public final class SketchErrorBenchmark {
    private static final int N = Integer.getInteger("n", 1_000_000);
    private static final int REPEATS = Integer.getInteger("repeats", 10);
    private static final int COARSE_GRID = 200;
    private static final DriftMethod[] METHODS = {DriftMethod.WASSERSTEIN, DriftMethod.KS, DriftMethod.PSI,
        DriftMethod.JENSEN_SHANNON};

    private SketchErrorBenchmark() {
    }

    public static void main(final String[] args) {
        int[] ks = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {200, 400, 1000, 2000, 3000};
        Random random = new Random(2026);
        String[] names = {"normal, same", "normal, +0.1 sd", "lognormal, same", "lognormal, x1.1"};
        DoubleUnaryOperator[] currents = {x -> x, x -> x + 0.1, x -> x, x -> x + Math.log(1.1)};
        boolean[] logs = {false, false, true, true};
        System.out.printf(Locale.ROOT, "%,d values a side, %d shuffles per k; errors are the largest over the"
                + " shuffles%n", N, REPEATS);
        System.out.println("| k | bytes | data | W/std | W err | W err, 200 ranks | KS D | KS err | PSI | PSI err "
                + "| JS | JS err |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
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
            double[] exact = null;
            double exactCoarse = 0;
            for (int k : ks) {
                ProfileSettings settings = ProfileSettings.defaults().withSketchK(k).withExactLimit(0);
                double[] worst = new double[METHODS.length + 1];
                int bytes = 0;
                for (int r = 0; r < REPEATS; r++) {
                    NumericSummary ref = sketchSummary(reference, settings, random);
                    NumericSummary cur = sketchSummary(current, settings, random);
                    if (exact == null) {
                        // the moments are exact in both kinds of summary: take them from the profiler
                        exact = scores(settings, withValues(ref, reference), withValues(cur, current));
                        exactCoarse = coarseWasserstein(withValues(ref, reference), withValues(cur, current));
                    }
                    bytes = Math.max(bytes, ref.sketch().length);
                    double[] sketched = scores(settings, ref, cur);
                    for (int m = 0; m < METHODS.length; m++) {
                        worst[m] = Math.max(worst[m], Math.abs(sketched[m] - exact[m]));
                    }
                    worst[METHODS.length] = Math.max(worst[METHODS.length],
                            Math.abs(coarseWasserstein(ref, cur) - exact[0]));
                }
                System.out.printf(Locale.ROOT, "| %d | %d | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f "
                                + "| %.4f | %.4f |%n", k, bytes, names[s], exact[0], worst[0], worst[4], exact[1],
                        worst[1], exact[2], worst[2], exact[3], worst[3]);
            }
            System.out.printf(Locale.ROOT, "(grid-only Wasserstein error at 200 ranks for %s: %.5f)%n", names[s],
                    Math.abs(exactCoarse - exact[0]));
        }
    }

    /** The detector's score for each of {@link #METHODS}, on one-column profiles. */
    private static double[] scores(final ProfileSettings settings, final NumericSummary reference,
            final NumericSummary current) {
        Profile ref = profile(settings, reference);
        Profile cur = profile(settings, current);
        double[] scores = new double[METHODS.length];
        for (int m = 0; m < METHODS.length; m++) {
            DriftOptions options = DriftOptions.defaults().withColumn("x",
                    DriftOptions.ColumnOptions.method(METHODS[m]));
            scores[m] = DriftDetector.compare(ref, cur, options).columns().get(0).score();
        }
        return scores;
    }

    private static Profile profile(final ProfileSettings settings, final NumericSummary summary) {
        return new Profile(Profile.SCHEMA_VERSION, List.of(), summary.finite(), settings,
                List.of(new ColumnProfile("x", ColumnType.NUMERIC, summary.finite(), 0, summary, null)));
    }

    /** Wasserstein over the reference's std on 200 mid-point ranks, the grid the detector used to be measured on. */
    private static double coarseWasserstein(final NumericSummary reference, final NumericSummary current) {
        double[] ranks = new double[COARSE_GRID];
        for (int i = 0; i < COARSE_GRID; i++) {
            ranks[i] = (i + 0.5) / COARSE_GRID;
        }
        double[] qr = reference.quantiles(ranks);
        double[] qc = current.quantiles(ranks);
        double sum = 0;
        for (int i = 0; i < COARSE_GRID; i++) {
            sum += Math.abs(qr[i] - qc[i]);
        }
        return sum / COARSE_GRID / reference.std();
    }

    /** The same summary keeping every value, so the detector takes its exact path. */
    private static NumericSummary withValues(final NumericSummary summary, final double[] sorted) {
        return new NumericSummary(summary.finite(), 0, 0, 0, summary.min(), summary.max(), summary.mean(),
                summary.std(), summary.histogram(), summary.sketch(), sorted);
    }

    /** A profile's summary of the values fed in random order (a sorted stream is a KLL best case). */
    private static NumericSummary sketchSummary(final double[] sorted, final ProfileSettings settings,
            final Random random) {
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
        // the profiler's own path: sorted blocks into the sketch, no values kept (exactLimit 0)
        NumericAccumulator accumulator = new NumericAccumulator(settings, NumericAccumulator.MAX_BLOCK,
                new BlockSorter(NumericAccumulator.MAX_BLOCK));
        for (int index : order) {
            accumulator.add(sorted[index]);
        }
        return accumulator.finish();
    }
}
