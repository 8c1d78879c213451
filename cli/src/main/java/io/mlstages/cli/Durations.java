package io.mlstages.cli;

import io.mlstages.Texts;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: 500ms, 90s, 30m, 2h, 1d, or ISO-8601 (PT90S). Never negative and at most
 * {@link #LONGEST}, so that every caller can turn one into milliseconds or nanoseconds without overflow.
 */
final class Durations {
    /** The longest duration any option takes: 100 years is beyond every real wait, and far from overflow. */
    static final Duration LONGEST = Duration.ofDays(36_500);

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,30})(ms|s|m|h|d)");
    private static final Pattern ISO = Pattern.compile("p[0-9a-z.,+-]{1,60}");

    private Durations() {
    }

    /** The duration, or an {@link IllegalArgumentException} whose message names the option and the value. */
    static Duration parse(final String text, final String option) {
        try {
            return parse(text);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }

    /** The duration, or an {@link IllegalArgumentException} whose message quotes the value. */
    static Duration parse(final String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration duration = null;
        Matcher matcher = SHORT.matcher(value);
        if (matcher.matches()) {
            duration = scaled(text, matcher.group(1), matcher.group(2));
        }
        else if (ISO.matcher(value).matches()) {
            try {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            catch (DateTimeParseException | ArithmeticException e) {
                duration = null;
            }
        }
        if (duration == null) {
            throw new IllegalArgumentException(Texts.quote(text) + " is not a duration: write e.g. 500ms, 90s, 30m, "
                    + "2h or 1d");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(Texts.quote(text) + " is negative: a duration is 0 or more");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw tooLong(text);
        }
        return duration;
    }

    private static Duration scaled(final String text, final String digits, final String unit) {
        // a number too long for a long is out of range, not malformed
        long amount = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        long perUnit = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        if (amount > LONGEST.toMillis() / perUnit) {
            throw tooLong(text);
        }
        return Duration.ofMillis(amount * perUnit);
    }

    private static IllegalArgumentException tooLong(final String text) {
        return new IllegalArgumentException(Texts.quote(text) + " is out of range: longer than any option takes (at "
                + "most " + LONGEST.toDays() + "d, and less for most)");
    }

    /** The duration as the user would write it, in the largest unit that divides it. */
    static String format(final Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
