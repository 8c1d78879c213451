package io.mlstages.model;

import java.util.List;

/**
 * A drift report's {@code falseAlarms}: how the columns' p-values were controlled (per-column alpha or a false
 * discovery rate) and the false alarms those settings imply under no drift. Written only when the check recorded
 * them. Numbers that are not finite are {@code null} in JSON and NaN here.
 *
 * @param control                       {@code alpha} or {@code fdr}
 * @param level                         alpha, or the FDR's q
 * @param budget                        the alarm budget it was derived from, e.g. {@code 1/month}, or null
 * @param budgetLevel                   the level the budget allows (NaN without a budget)
 * @param tests                         how many p-values were tested
 * @param cutoff                        the largest p-value that counted as significant
 * @param features                      feature columns compared
 * @param alarmAtDriftedFeatures        drifted features that make dataset drift
 * @param falseAlarmProbabilityPerCheck the chance of a false dataset-drift alarm per check
 * @param cadence                       the check's cadence as an ISO-8601 duration, or null
 * @param checksPerMonth                checks a month at that cadence (NaN without one)
 * @param expectedFalseAlarmsPerMonth   false alarms a month under no drift (NaN without a cadence)
 * @param columns                       each tested column under FDR control; empty under alpha
 */
public record FalseAlarmFigures(String control, double level, String budget, double budgetLevel, int tests,
        double cutoff, int features, int alarmAtDriftedFeatures, double falseAlarmProbabilityPerCheck,
        String cadence, double checksPerMonth, double expectedFalseAlarmsPerMonth, List<Column> columns) {

    public FalseAlarmFigures {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /**
     * One tested column.
     *
     * @param segment     its segment ({@code column=value}), or null for the whole data
     * @param name        the column
     * @param pValue      its raw p-value
     * @param qValue      its q-value (the smallest FDR level at which it is significant)
     * @param significant whether it passed the control
     * @param drift       whether it drifted (significant and above its effect-size floor)
     */
    public record Column(String segment, String name, double pValue, double qValue, boolean significant,
            boolean drift) {
    }
}
