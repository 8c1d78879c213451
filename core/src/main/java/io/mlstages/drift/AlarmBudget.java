package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many false alarms a schedule of checks may raise: {@code alarms} per {@code period}, written
 * {@code 1/month}, {@code 0.5/week}, {@code 2/day} (hour, day, week, month, year; a month is 365.25 / 12 days).
 *
 * @param alarms the number of false alarms, positive
 * @param period the period's name, one of hour, day, week, month, year
 */
public record AlarmBudget(double alarms, String period) {
    private static final Map<String, Duration> PERIODS = Map.of("hour", Duration.ofHours(1), "day", Duration.ofDays(1),
            "week", Duration.ofDays(7), "month", FalseAlarmRate.MONTH, "year", FalseAlarmRate.MONTH.multipliedBy(12));
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,9})?)\\s{0,3}/\\s{0,3}([a-z]{1,8})");

    public AlarmBudget {
        if (!(alarms > 0 && Double.isFinite(alarms))) {
            throw new IllegalArgumentException("An alarm budget must be a positive number of alarms, not " + alarms);
        }
        if (period == null || !PERIODS.containsKey(period)) {
            throw new IllegalArgumentException("An alarm budget's period must be one of hour, day, week, month, year, "
                    + "not '" + period + "'");
        }
    }

    /**
     * Reads {@code N/PERIOD}.
     *
     * @throws IllegalArgumentException quoting the text when it is not of that form
     */
    public static AlarmBudget parse(@CheckForNull final String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = FORM.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("An alarm budget is written N/PERIOD, e.g. 1/month or 0.5/week (period "
                    + "hour, day, week, month or year), not '" + (text == null ? "" : text.strip()) + "'");
        }
        String period = matcher.group(2).endsWith("s") ? matcher.group(2).substring(0, matcher.group(2).length() - 1)
                : matcher.group(2);
        return new AlarmBudget(Double.parseDouble(matcher.group(1)), period);
    }

    /** The budget as false alarms per month. */
    public double perMonth() {
        return alarms * FalseAlarmRate.MONTH.toMillis() / PERIODS.get(period).toMillis();
    }

    /** The largest false-alarm probability per check that keeps a schedule within the budget (at most 1). */
    public double perCheck(final Duration cadence) {
        return Math.min(1, perMonth() / FalseAlarmRate.checksPerMonth(cadence));
    }

    @Override
    public String toString() {
        return (alarms == Math.rint(alarms) ? String.valueOf((long) alarms) : String.valueOf(alarms)) + "/" + period;
    }
}
