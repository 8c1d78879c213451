package io.mlstages.drift;

import io.mlstages.data.ReadOptions;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times {@link DriftDetector#compare} per method on two stored profiles (a benchmark, not a test: run by hand,
 * see bench/README.md "Cost of each drift method").
 *
 * <pre>java -cp core/target/classes:core/target/test-classes:DEPENDENCIES io.mlstages.drift.MethodCostBenchmark
 *     REFERENCE CURRENT [REPEATS]</pre>
 *
 * REFERENCE and CURRENT are profile JSON files, or CSV files, which are then profiled once (default settings) and
 * their profiles written next to them as {@code NAME.profile.json} for the next run. Each line applies one method
 * to every column it suits (the others keep their default) and reports the median and best wall time of the
 * comparison over REPEATS runs (default 10) after 3 warm-up runs, with the drifted columns.
 */
public final class MethodCostBenchmark {

    private MethodCostBenchmark() {
    }

    public static void main(final String[] args) {
        if (args.length < 2) {
            System.err.println("usage: MethodCostBenchmark REFERENCE CURRENT [REPEATS]");
            System.exit(2);
        }
        Profile reference = load(Path.of(args[0]));
        Profile current = load(Path.of(args[1]));
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.printf(Locale.ROOT, "%-18s %10s %10s  %s%n", "method", "median ms", "best ms", "drifted columns");
        report("default", reference, current, DriftOptions.defaults(), repeats);
        for (DriftMethod method : DriftMethod.values()) {
            DriftOptions options = DriftOptions.defaults();
            for (ColumnProfile column : reference.columns()) {
                if (method.supports(column.type())) {
                    options = options.withColumn(column.name(), DriftOptions.ColumnOptions.method(method));
                }
            }
            report(method.label(), reference, current, options, repeats);
        }
    }

    private static Profile load(final Path file) {
        if (ProfileJson.isProfile(file)) {
            return ProfileJson.read(file);
        }
        Path stored = file.resolveSibling(file.getFileName() + ".profile.json");
        if (Files.exists(stored)) {
            return ProfileJson.read(stored);
        }
        Profile profile = Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults());
        ProfileJson.write(profile, stored);
        return profile;
    }

    private static void report(final String name, final Profile reference, final Profile current,
            final DriftOptions options, final int repeats) {
        String drifted = "";
        for (int i = 0; i < 3; i++) {
            drifted = DriftDetector.compare(reference, current, options).drifted().stream().map(ColumnDrift::name)
                    .collect(java.util.stream.Collectors.joining(","));
        }
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            DriftDetector.compare(reference, current, options);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-18s %10.1f %10.1f  %s%n", name, millis[repeats / 2], millis[0], drifted);
    }
}
