package io.mlstages.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression from a schema file, matched at a bounded cost. Java's regex engine backtracks, so a
 * pattern such as {@code (a+)+b} takes time exponential in the length of a value like {@code aaaa...a!}: one
 * hostile cell could stall a check for hours. Two bounds prevent that:
 *
 * <ul>
 * <li>the pattern has at most {@value #MAX_PATTERN_LENGTH} characters;</li>
 * <li>each match reads the value through a {@link CharSequence} that counts {@code charAt} calls (every step of
 * the engine reads a character) and gives up after {@value #STEPS_PER_CHAR} steps per character of the value, at
 * least {@value #MIN_STEPS}. A value whose match gives up counts as not matching, with a note saying so: a
 * check must not pass because it ran out of time.</li>
 * </ul>
 *
 * <p>Values longer than {@value #MAX_VALUE_LENGTH} characters are not matched at all and count as not matching.
 * The match is a whole-value match ({@link Matcher#matches()}), as a schema's "every value looks like this".</p>
 */
public final class SafePattern {
    /** The longest pattern accepted. */
    public static final int MAX_PATTERN_LENGTH = 1000;
    /** The longest value matched. */
    public static final int MAX_VALUE_LENGTH = 100_000;
    /** The matching steps allowed per character of a value. */
    public static final long STEPS_PER_CHAR = 1000;
    /** The matching steps allowed for any value, however short. */
    public static final long MIN_STEPS = 100_000;

    private final Pattern pattern;

    private SafePattern(final Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException naming the problem when the pattern is too long or not a valid regex
     */
    public static SafePattern compile(final String regex) {
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("the pattern is empty");
        }
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("the pattern has " + regex.length() + " characters, more than the "
                    + MAX_PATTERN_LENGTH + " allowed");
        }
        try {
            return new SafePattern(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex(), e);
        }
    }

    /** The pattern's text. */
    public String regex() {
        return pattern.pattern();
    }

    /** Whether a value matches as a whole, within its step budget. */
    public Outcome match(final String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return Outcome.TOO_LONG;
        }
        Budgeted input = new Budgeted(value, Math.max(MIN_STEPS, STEPS_PER_CHAR * value.length()));
        try {
            return pattern.matcher(input).matches() ? Outcome.MATCH : Outcome.NO_MATCH;
        } catch (OutOfSteps e) {
            return Outcome.GAVE_UP;
        } catch (StackOverflowError e) { // deep recursion in the engine: as costly as a runaway match
            return Outcome.GAVE_UP;
        }
    }

    /** How a match ended. */
    public enum Outcome {
        MATCH, NO_MATCH,
        /** The step budget ran out: counted as not matching. */
        GAVE_UP,
        /** The value is longer than {@link #MAX_VALUE_LENGTH}: counted as not matching. */
        TOO_LONG;

        /** Whether the value passes. */
        public boolean passes() {
            return this == MATCH;
        }
    }

    /** The value as the engine reads it, one counted step per character read. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private long left;

        Budgeted(final String text, final long budget) {
            this.text = text;
            this.left = budget;
        }

        @Override
        public char charAt(final int index) {
            if (--left < 0) {
                throw new OutOfSteps();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(final int start, final int end) {
            return new Budgeted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Thrown out of the engine when a match has used its steps; carries no stack trace, it is control flow. */
    private static final class OutOfSteps extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfSteps() {
            super("out of matching steps", null, false, false);
        }
    }
}
