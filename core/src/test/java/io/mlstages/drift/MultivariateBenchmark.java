package io.mlstages.drift;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --multivariate} costs on top of the plain check (a benchmark, not a test: run by hand; the figures
 * are in docs/drift.md, "Multivariate drift").
 *
 * <pre>java -cp core/target/classes:core/target/test-classes:DEPENDENCIES io.mlstages.drift.MultivariateBenchmark
 *     REFERENCE CURRENT [REPEATS [THREADS]]</pre>
 *
 * REFERENCE and CURRENT are datasets (e.g. {@code bench/gen_drift_data.py}'s 1M x 25 files). Each run is the whole
 * {@link DriftCheck#run} from the files (reading, profiling, comparing, and with the flag sampling, training and
 * scoring), plain and with the default multivariate options alternately, after one warm-up of each; the median
 * and best wall time and the process's CPU time per run are printed. THREADS overrides XGBoost's threads (default 1).
 */
public final class MultivariateBenchmark {
    private MultivariateBenchmark() {
    }

    public static void main(final String[] args) {
        if (args.length < 2) {
            System.err.println("usage: MultivariateBenchmark REFERENCE CURRENT [REPEATS]");
            System.exit(2);
        }
        Path reference = Path.of(args[0]);
        Path current = Path.of(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        MultivariateOptions defaults = MultivariateOptions.defaults();
        MultivariateOptions options = args.length > 3 ? defaults.withThreads(Integer.parseInt(args[3])) : defaults;
        DriftCheck.Request plain = DriftCheck.Request.of(reference, List.of(current));
        DriftCheck.Request multivariate = new DriftCheck.Request(reference, List.of(current), null, null, null, null,
                options);
        DriftCheck.run(plain);
        DriftReport last = DriftCheck.run(multivariate).report();
        double[][] wall = new double[2][repeats];
        double[][] cpu = new double[2][repeats];
        for (int i = 0; i < repeats; i++) {
            for (int k = 0; k < 2; k++) {
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                DriftCheck.run(k == 0 ? plain : multivariate);
                wall[k][i] = (System.nanoTime() - start) / 1e9;
                cpu[k][i] = (processCpuNanos() - cpuStart) / 1e9;
            }
        }
        System.out.printf(Locale.ROOT, "%s against %s, %d runs each, %d cores, %d XGBoost threads%n", reference,
                current, repeats, Runtime.getRuntime().availableProcessors(), options.threads());
        System.out.printf(Locale.ROOT, "%-14s %10s %10s %12s%n", "check", "median s", "best s", "median CPU s");
        for (int k = 0; k < 2; k++) {
            double[] w = wall[k].clone();
            double[] c = cpu[k].clone();
            Arrays.sort(w);
            Arrays.sort(c);
            System.out.printf(Locale.ROOT, "%-14s %10.2f %10.2f %12.2f%n", k == 0 ? "plain" : "--multivariate",
                    w[repeats / 2], w[0], c[repeats / 2]);
        }
        System.out.println("multivariate: " + last.multivariate().note());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
