package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a check held its false alarms down, and how many its settings imply: the part of a {@link DriftReport} that
 * {@code --fdr}, {@code --cadence} and {@code --alarm-budget} add (docs/drift.md, "Fewer false alarms").
 *
 * @param control        per-column alpha, or Benjamini–Hochberg false discovery rate control
 * @param level          the alpha or q used
 * @param budget         the alarm budget that set the level, or null
 * @param budgetLevel    the level the budget allows (the level used is the smaller of it and the one given); NaN
 *                       without a budget
 * @param tests          how many columns had a distribution test (the family under FDR control)
 * @param cutoff         a column's p-value had to be below this: alpha, or Benjamini–Hochberg's k·q/m
 * @param features       the feature columns that count toward dataset drift
 * @param alarmAt        how many of them must drift for dataset drift (the alarm)
 * @param perCheck       the probability that one check of data that did not drift raises the alarm, assuming
 *                       independent columns and ignoring the effect-size floor (see {@link FalseAlarmRate})
 * @param cadence        how often the check runs, or null when not given
 * @param checksPerMonth the checks a month at that cadence; NaN without one
 * @param perMonth       the expected false alarms a month under no drift, {@code checksPerMonth · perCheck}; NaN
 *                       without a cadence
 * @param columns        per tested column under FDR control: raw p, q-value and verdict; empty under alpha
 */
public record FalseAlarms(Control control, double level, @CheckForNull AlarmBudget budget, double budgetLevel,
        int tests, double cutoff, int features, int alarmAt, double perCheck, @CheckForNull Duration cadence,
        double checksPerMonth,
        double perMonth, List<Column> columns) {

    /** Reports written before these fields existed: nothing recorded. */
    private static final FalseAlarms NONE = new FalseAlarms(Control.ALPHA, Double.NaN, null, Double.NaN, 0,
            Double.NaN, 0, 0, Double.NaN, null, Double.NaN, Double.NaN, List.of());

    public FalseAlarms {
        Objects.requireNonNull(control, "control");
        columns = List.copyOf(columns);
    }

    /** These figures listing other tested columns (a check per segment lists every segment's in one family). */
    public FalseAlarms withColumns(final List<Column> value) {
        return new FalseAlarms(control, level, budget, budgetLevel, tests, cutoff, features, alarmAt, perCheck,
                cadence, checksPerMonth, perMonth, value);
    }

    /** Nothing recorded (a report read from JSON written before this part existed). */
    public static FalseAlarms none() {
        return NONE;
    }

    /** Whether the report recorded its false-alarm settings. */
    public boolean recorded() {
        return !Double.isNaN(level);
    }

    /** Per-column alpha or the false discovery rate. */
    public enum Control {
        /** Each column at alpha. */
        ALPHA,
        /** Benjamini–Hochberg over the check's columns. */
        FDR;

        /** The name in JSON and text. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The control of a label. */
        public static Control parse(final String label) {
            for (Control control : values()) {
                if (control.label().equals(label)) {
                    return control;
                }
            }
            throw new IllegalArgumentException("Unknown false-alarm control '" + label + "': alpha or fdr");
        }
    }

    /**
     * One column under FDR control.
     *
     * @param segment     the segment, or null for the whole data
     * @param name        the column
     * @param pValue      its raw p-value
     * @param qValue      its Benjamini–Hochberg adjusted p-value
     * @param significant whether the q-value is below q
     * @param drift       the column's verdict (significant and at or above its floor, or a rate signal)
     */
    public record Column(@CheckForNull String segment, String name, double pValue, double qValue, boolean significant,
            boolean drift) {
    }
}
