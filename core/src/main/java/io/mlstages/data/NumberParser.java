package io.mlstages.data;

/**
 * Parses decimal numbers from a char range without allocating, exactly rounded (the double that
 * {@link Double#parseDouble} gives). Plain decimals with at most 15 significant digits and a power-of-ten exponent
 * of magnitude at most 22 (Clinger's fast path) are computed with one exact multiplication or division, which
 * IEEE 754 rounds correctly because both operands are exact doubles; other significands of up to 18 digits go
 * through {@link EiselLemire}; only longer ones reach {@link Double#parseDouble}. The accepted syntax is
 * deliberately narrower than {@code Double.parseDouble}'s: no hexadecimal, no {@code d}/{@code f} suffix, no
 * surrounding whitespace (the caller trims), but {@code inf}, {@code infinity} and {@code nan} in any case, with a
 * sign.
 *
 * <p>Not thread-safe: {@link #valid()} reports on the last call.</p>
 */
final class NumberParser {
    /** Powers of ten that are exact doubles (10^22 is the largest: 5^22 < 2^53). */
    static final double[] POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
        1e18, 1e19, 1e20, 1e21, 1e22,
    };
    /** 10^15: mantissas below it are exact doubles (it is below 2^53). */
    private static final long FAST_MANTISSA_LIMIT = 1_000_000_000_000_000L;
    /** A long holds 18 decimal digits without overflow whatever they are. */
    private static final int MAX_DIGITS = 18;

    private boolean valid;

    /** Whether the last {@link #parse} saw a number. */
    boolean valid() {
        return valid;
    }

    /**
     * The number in {@code text[from, to)}, or 0 with {@link #valid()} false when the range is not a number.
     */
    double parse(final char[] text, final int from, final int to) {
        // The common shape first, in one loop: [sign] digits [. digits], at most 15 digits in all (leading zeros
        // included), no exponent. The mantissa is then below 10^15 and the divisor an exact power of ten, so one
        // division is exactly rounded (Clinger's fast path). Kept small, so that the JIT inlines it into the
        // caller's loop; fewer loop exits also mean fewer mispredicted branches per number.
        int i = from;
        if (i < to) {
            char c = text[i];
            boolean negative = c == '-';
            if (negative || c == '+') {
                i++;
            }
            int digitsStart = i;
            int dot = -1;
            long mantissa = 0;
            for (; i < to; i++) {
                int digit = text[i] - '0';
                if (digit >= 0 && digit <= 9) {
                    mantissa = mantissa * 10 + digit; // may overflow for long inputs, which go to the general path
                } else if (digit == '.' - '0' && dot < 0) {
                    dot = i;
                } else {
                    break;
                }
            }
            int digits = i - digitsStart - (dot < 0 ? 0 : 1);
            if (i == to && digits > 0 && digits <= 15) {
                int fraction = dot < 0 ? 0 : to - dot - 1;
                double value = fraction == 0 ? mantissa : mantissa / POWERS[fraction];
                valid = true;
                return negative ? -value : value;
            }
        }
        return general(text, from, to);
    }

    /** Every other accepted shape: exponents, more digits, and the special words. */
    private double general(final char[] text, final int from, final int to) {
        valid = false;
        int i = from;
        if (i >= to) {
            return 0;
        }
        boolean negative = false;
        char c = text[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        // Digits are accumulated without overflow checks; more than MAX_DIGITS significant digits go to the
        // slow path, which never looks at the (then meaningless) mantissa.
        int integerStart = i;
        while (i < to && text[i] == '0') {
            i++;
        }
        int significantStart = i;
        long mantissa = 0;
        int digit;
        while (i < to && (digit = text[i] - '0') >= 0 && digit <= 9) {
            mantissa = mantissa * 10 + digit;
            i++;
        }
        int digits = i - significantStart;
        boolean anyDigit = i > integerStart;
        int exponent = 0;
        if (i < to && text[i] == '.') {
            i++;
            int fractionStart = i;
            if (digits == 0) {
                while (i < to && text[i] == '0') {
                    i++;
                }
            }
            int fractionSignificant = i;
            while (i < to && (digit = text[i] - '0') >= 0 && digit <= 9) {
                mantissa = mantissa * 10 + digit;
                i++;
            }
            digits += i - fractionSignificant;
            exponent = fractionStart - i;
            anyDigit |= i > fractionStart;
        }
        if (!anyDigit) {
            return special(text, i, to, negative);
        }
        if (i < to && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (text[i] == '-' || text[i] == '+')) {
                negativeExponent = text[i] == '-';
                i++;
            }
            int exponentStart = i;
            int value = 0;
            while (i < to && (digit = text[i] - '0') >= 0 && digit <= 9) {
                if (value < 100_000) { // beyond this any double over- or underflows; stop before int overflow
                    value = value * 10 + digit;
                }
                i++;
            }
            if (i == exponentStart) {
                return 0;
            }
            exponent += negativeExponent ? -value : value;
        }
        if (i != to) {
            return 0;
        }
        valid = true;
        double result;
        if (digits == 0) {
            result = 0;
        } else if (digits <= 15 && exponent >= -22 && exponent <= 22) { // 15 digits: below 10^15 < 2^53
            result = exponent >= 0 ? mantissa * POWERS[exponent] : mantissa / POWERS[-exponent];
        } else if (digits <= MAX_DIGITS && exponent > 22 && exponent <= 22 + 15
                && fitsAfterShift(mantissa, exponent - 22)) {
            // 123e30 = (123e8, still an exact integer below 10^15) * 1e22
            result = mantissa * POWERS[exponent - 22] * POWERS[22];
        } else if (digits <= MAX_DIGITS) {
            // an exact significand of up to 18 digits: still exactly rounded, without Double.parseDouble
            result = EiselLemire.toDouble(mantissa, exponent);
        } else {
            return Double.parseDouble(new String(text, from, to - from));
        }
        return negative ? -result : result;
    }

    private static boolean fitsAfterShift(final long mantissa, final int shift) {
        long limit = FAST_MANTISSA_LIMIT;
        for (int k = 0; k < shift; k++) {
            limit /= 10;
        }
        return mantissa < limit;
    }

    /** {@code inf}, {@code infinity} or {@code nan}, any case, after an optional sign already consumed. */
    private double special(final char[] text, final int from, final int to, final boolean negative) {
        int length = to - from;
        if (length == 3 && matches(text, from, "nan")) {
            valid = true;
            return Double.NaN;
        }
        if ((length == 3 && matches(text, from, "inf")) || (length == 8 && matches(text, from, "infinity"))) {
            valid = true;
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return 0;
    }

    /** Case-insensitive comparison with a lower-case ASCII word. */
    private static boolean matches(final char[] text, final int from, final String lower) {
        for (int k = 0; k < lower.length(); k++) {
            if ((text[from + k] | 0x20) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
