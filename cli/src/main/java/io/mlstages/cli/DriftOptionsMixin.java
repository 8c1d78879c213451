package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.mlstages.drift.AlarmBudget;
import io.mlstages.drift.DriftMethod;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftOptions.ColumnOptions;
import io.mlstages.drift.FalseAlarmOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options that decide whether a column drifted, shared by {@code drift} and the drift gate of {@code validate}. */
final class DriftOptionsMixin {
    @Option(names = "--drift-share", paramLabel = "SHARE", defaultValue = "" + DriftOptions.DEFAULT_DRIFT_SHARE,
            description = "Share of drifted feature columns that makes dataset drift (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "1")
    double driftShare;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "" + DriftOptions.DEFAULT_ALPHA,
            description = "Significance level of the per-column tests (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "1")
    double alpha;

    @Option(names = "--method", paramLabel = "COLUMN=METHOD", split = ",",
            description = "Statistic for a column: psi, ks, chi-square, jensen-shannon, wasserstein, l-infinity, "
                    + "hellinger, kullback-leibler, total-variation, cramer-von-mises, anderson-darling, energy. "
                    + "Repeatable.")
    Map<String, String> methods = new LinkedHashMap<>();

    @Option(names = "--threshold", paramLabel = "COLUMN=VALUE", split = ",",
            description = "Effect-size floor for a column's score. Repeatable.")
    @Range(min = "0", max = "1000000")
    Map<String, Double> thresholds = new LinkedHashMap<>();

    @Option(names = "--column-alpha", paramLabel = "COLUMN=P", split = ",",
            description = "Significance level for one column. Repeatable.")
    @Range(min = "0", max = "1")
    Map<String, Double> alphas = new LinkedHashMap<>();

    @Option(names = "--missing-rate-floor", paramLabel = "CHANGE",
            defaultValue = "" + DriftOptions.DEFAULT_MISSING_RATE_FLOOR,
            description = "Absolute change of a column's missing rate (or of its share of NaN and infinite "
                    + "values) that counts as drift when significant (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "1")
    double missingRateFloor;

    @Option(names = "--no-missing-drift", description = "A change in missing rate or non-finite share is reported but never drift.")
    boolean noMissingDrift;

    @Option(names = "--no-pooling", description = "Do not pool rare categories (see docs/drift.md).")
    boolean noPooling;

    @Option(names = "--fdr", paramLabel = "Q",
            description = "Judge the columns together: Benjamini-Hochberg control of the false discovery rate at Q "
                    + "(between 0 and 1) instead of --alpha per column. The report lists each column's p-value and "
                    + "q-value. Excludes --column-alpha.")
    @Range(min = "0", max = "1")
    Double fdr;

    @Option(names = "--cadence", paramLabel = "DURATION",
            description = "How often this check runs on a schedule (e.g. 1h, 1d): the report then says how many false "
                    + "alarms a month the settings imply under no drift.")
    @Range(min = "1s", max = "3650d")
    Duration cadence;

    @Option(names = "--alarm-budget", paramLabel = "N/PERIOD",
            description = "False alarms the schedule may raise, e.g. 1/month (period hour, day, week, month or year): "
                    + "--alpha (or the --fdr Q) is lowered until the implied rate fits. Needs --cadence.")
    @CheckForNull String alarmBudget;

    /** The engine's drift options for these flags. */
    DriftOptions toDriftOptions() {
        DriftOptions options = DriftOptions.defaults().withAlpha(alpha).withDriftShare(driftShare)
                .withMissingRateFloor(missingRateFloor).withMissingRateDrift(!noMissingDrift)
                .withPoolRareLevels(!noPooling);
        FalseAlarmOptions falseAlarms = new FalseAlarmOptions(fdr, cadence,
                alarmBudget == null ? null : AlarmBudget.parse(alarmBudget));
        List<String> named = new ArrayList<>(methods.keySet());
        thresholds.keySet().stream().filter(c -> !named.contains(c)).forEach(named::add);
        alphas.keySet().stream().filter(c -> !named.contains(c)).forEach(named::add);
        for (String column : named) {
            String method = methods.get(column);
            options = options.withColumn(column, new ColumnOptions(
                    method == null ? null : DriftMethod.parse(method), thresholds.get(column), alphas.get(column)));
        }
        // last, so that a per-column alpha given with --fdr is refused by the options' own check
        return options.withFalseAlarms(falseAlarms);
    }
}
