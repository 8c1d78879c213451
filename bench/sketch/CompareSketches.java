package io.mlstages.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Not part of the build: compares ML Stages' QuantileSketch with DataSketches' KLL doubles sketch (the one the
 * engine used before) on the same streams: rank error against the exact answer, update speed, serialized size.
 * See bench/sketch/README.md for how to run it and docs/profiles.md for the figures.
 */
public final class CompareSketches {
    private static final double[] RANKS = new double[999];

    static {
        for (int i = 0; i < RANKS.length; i++) {
            RANKS[i] = (i + 1) / 1000.0;
        }
    }

    public static void main(final String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Object[]> sets = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        int n = 1_000_000;
        sets.add(new Object[] {"normal 1M", generate(n, () -> gaussian(random))});
        sets.add(new Object[] {"lognormal 1M", generate(n, () -> Math.exp(1.5 * gaussian(random)))});
        sets.add(new Object[] {"integers 0-50 1M", generate(n, () -> (double) (int) (-5 * Math.log(1 - random.nextDouble())) % 50)});
        sets.add(new Object[] {"normal 20k", generate(20_000, () -> gaussian(random))});
        for (String file : args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[0]) {
            sets.add(new Object[] {Path.of(file).getFileName() + " (all numbers)", numbers(Path.of(file))});
        }
        System.out.println("| data | k | sketch | mean max rank error | worst max rank error | mean max CDF error | bound (99%) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Object[] set : sets) {
            double[] data = (double[]) set[1];
            double[] sorted = data.clone();
            Arrays.sort(sorted);
            for (int k : new int[] {200, 2000}) {
                if (k >= data.length / 4) {
                    continue;
                }
                double[][] ours = new double[trials][];
                double[][] theirs = new double[trials][];
                for (int t = 0; t < trials; t++) {
                    double[] stream = shuffled(data, new SplittableRandom(1000 + t));
                    QuantileSketch q = new QuantileSketch(k);
                    KllDoublesSketch d = KllDoublesSketch.newHeapInstance(k);
                    for (double v : stream) {
                        q.update(v);
                        d.update(v);
                    }
                    QuantileSketch.SortedView view = q.sortedView();
                    ours[t] = errors(sorted, view::quantile, view::rank);
                    theirs[t] = errors(sorted, r -> d.getQuantile(r, QuantileSearchCriteria.INCLUSIVE),
                            x -> d.getRank(x, QuantileSearchCriteria.INCLUSIVE));
                }
                row((String) set[0], k, "ML Stages", ours, QuantileSketch.normalizedRankError(k));
                row((String) set[0], k, "DataSketches 6.2.0", theirs, KllDoublesSketch.getNormalizedRankError(k, false));
            }
        }
        speed();
        sizes();
    }

    private static void row(final String data, final int k, final String name, final double[][] errors, final double bound) {
        double meanRank = Arrays.stream(errors).mapToDouble(e -> e[0]).average().orElseThrow();
        double worstRank = Arrays.stream(errors).mapToDouble(e -> e[0]).max().orElseThrow();
        double meanCdf = Arrays.stream(errors).mapToDouble(e -> e[1]).average().orElseThrow();
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.4f%% | %.4f%% | %.4f%% | %.4f%% |%n", data, k, name,
                100 * meanRank, 100 * worstRank, 100 * meanCdf, 100 * bound);
    }

    /** The largest distance of each rank from the true rank interval of its quantile, and the largest CDF error. */
    private static double[] errors(final double[] sorted, final java.util.function.DoubleUnaryOperator quantile,
            final java.util.function.DoubleUnaryOperator rank) {
        double worstRank = 0;
        double worstCdf = 0;
        int n = sorted.length;
        for (double r : RANKS) {
            double q = quantile.applyAsDouble(r);
            double below = (double) lowerBound(sorted, q) / n;
            double atMost = (double) upperBound(sorted, q) / n;
            worstRank = Math.max(worstRank, r < below ? below - r : r > atMost ? r - atMost : 0);
            double x = sorted[(int) Math.min(n - 1, Math.floor(r * n))];
            worstCdf = Math.max(worstCdf, Math.abs(rank.applyAsDouble(x) - (double) upperBound(sorted, x) / n));
        }
        return new double[] {worstRank, worstCdf};
    }

    private static void speed() {
        double[] data = generate(10_000_000, new SplittableRandom(7)::nextDouble);
        System.out.println();
        System.out.println("| k | sketch | ns per update (10M random doubles, best of 5) | ns per update (sorted blocks of 8192) |");
        System.out.println("|---|---|---|---|");
        double[] blocks = data.clone();
        for (int i = 0; i < blocks.length; i += 8192) {
            Arrays.sort(blocks, i, Math.min(blocks.length, i + 8192));
        }
        for (int k : new int[] {200, 2000}) {
            double[] ours = {Double.MAX_VALUE, Double.MAX_VALUE};
            double[] theirs = {Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < 5; round++) {
                for (int mode = 0; mode < 2; mode++) {
                    double[] input = mode == 0 ? data : blocks;
                    long start = System.nanoTime();
                    QuantileSketch q = new QuantileSketch(k);
                    for (double v : input) {
                        q.update(v);
                    }
                    ours[mode] = Math.min(ours[mode], (System.nanoTime() - start) / (double) input.length);
                    start = System.nanoTime();
                    KllDoublesSketch d = KllDoublesSketch.newHeapInstance(k);
                    for (double v : input) {
                        d.update(v);
                    }
                    theirs[mode] = Math.min(theirs[mode], (System.nanoTime() - start) / (double) input.length);
                    if (q.n() != d.getN()) {
                        throw new AssertionError();
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| %d | ML Stages | %.1f | %.1f |%n", k, ours[0], ours[1]);
            System.out.printf(Locale.ROOT, "| %d | DataSketches 6.2.0 | %.1f | %.1f |%n", k, theirs[0], theirs[1]);
        }
    }

    private static void sizes() {
        System.out.println();
        System.out.println("| n | k | ML Stages bytes | DataSketches bytes |");
        System.out.println("|---|---|---|---|");
        SplittableRandom random = new SplittableRandom(3);
        for (int k : new int[] {200, 2000}) {
            for (long n : new long[] {1, 1_000, 10_000, 100_000, 1_000_000, 10_000_000}) {
                QuantileSketch q = new QuantileSketch(k);
                KllDoublesSketch d = KllDoublesSketch.newHeapInstance(k);
                for (long i = 0; i < n; i++) {
                    double v = random.nextDouble();
                    q.update(v);
                    d.update(v);
                }
                System.out.printf(Locale.ROOT, "| %,d | %d | %,d | %,d |%n", n, k, q.toByteArray().length,
                        d.toByteArray().length);
            }
        }
    }

    private static double[] numbers(final Path csv) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv);
        double[] values = new double[lines.size() * 40];
        int count = 0;
        for (String line : lines.subList(1, lines.size())) {
            for (String cell : line.split(",")) {
                try {
                    double v = Double.parseDouble(cell);
                    if (Double.isFinite(v)) {
                        values[count++] = v;
                    }
                } catch (NumberFormatException e) {
                    // a text cell: not a number
                }
            }
        }
        return Arrays.copyOf(values, count);
    }

    private static double gaussian(final SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double[] generate(final int n, final java.util.function.DoubleSupplier supplier) {
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = supplier.getAsDouble();
        }
        return data;
    }

    private static double[] shuffled(final double[] data, final SplittableRandom random) {
        double[] copy = data.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }

    private static int lowerBound(final double[] sorted, final double x) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static int upperBound(final double[] sorted, final double x) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
