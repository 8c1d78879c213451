package io.mlstages.data;

import java.math.BigInteger;

/**
 * Exactly rounded conversion of {@code w * 10^q} to a double, for an exact decimal significand {@code w} of at
 * most 19 digits, by the Eisel-Lemire method: multiply the normalised significand by a 128-bit truncated
 * approximation of {@code 5^q} and read the double's bits off the top of the product. For exact significands the
 * truncated product always decides the rounding (Mushtak and Lemire, "Fast Number Parsing Without Fallback",
 * 2023), so there is no slow path here; the caller still uses {@link Double#parseDouble} for longer inputs.
 */
final class EiselLemire {
    static final int SMALLEST_POWER = -342;
    static final int LARGEST_POWER = 308;
    /** Per power of ten from {@link #SMALLEST_POWER}: the high and low 64 bits of the normalised 5^q. */
    private static final long[] POWERS_OF_FIVE = powersOfFive();

    private static final int MANTISSA_BITS = 52;
    private static final int MINIMUM_EXPONENT = -1023;
    private static final int INFINITE_POWER = 0x7FF;
    /** Only in this range of q can the product fall exactly half-way between two doubles. */
    private static final int MIN_ROUND_TO_EVEN = -4;
    private static final int MAX_ROUND_TO_EVEN = 23;

    private EiselLemire() {
    }

    /** The double nearest to {@code w * 10^q}, ties to even; {@code w} is read as unsigned and must be exact. */
    static double toDouble(final long w, final int q) {
        if (w == 0 || q < SMALLEST_POWER) {
            return 0.0;
        }
        if (q > LARGEST_POWER) {
            return Double.POSITIVE_INFINITY;
        }
        int leadingZeros = Long.numberOfLeadingZeros(w);
        long normalised = w << leadingZeros;
        int index = 2 * (q - SMALLEST_POWER);
        long high = unsignedMultiplyHigh(normalised, POWERS_OF_FIVE[index]);
        long low = normalised * POWERS_OF_FIVE[index];
        long precisionMask = 0xFFFF_FFFF_FFFF_FFFFL >>> (MANTISSA_BITS + 3);
        if ((high & precisionMask) == precisionMask) {
            // the first product leaves the rounding open: add the contribution of the table's low half
            long secondHigh = unsignedMultiplyHigh(normalised, POWERS_OF_FIVE[index + 1]);
            low += secondHigh;
            if (Long.compareUnsigned(secondHigh, low) > 0) {
                high++;
            }
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 64 - MANTISSA_BITS - 3;
        long mantissa = high >>> shift;
        int power2 = power(q) + upperBit - leadingZeros - MINIMUM_EXPONENT;
        if (power2 <= 0) { // subnormal
            if (-power2 + 1 >= 64) {
                return 0.0;
            }
            mantissa >>>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>>= 1;
            power2 = mantissa < (1L << MANTISSA_BITS) ? 0 : 1;
            return Double.longBitsToDouble(((long) power2 << MANTISSA_BITS) | (mantissa & ((1L << MANTISSA_BITS) - 1)));
        }
        if (Long.compareUnsigned(low, 1) <= 0 && q >= MIN_ROUND_TO_EVEN && q <= MAX_ROUND_TO_EVEN
                && (mantissa & 3) == 1 && (mantissa << shift) == high) {
            // exactly half-way: round to even instead of up
            mantissa &= ~1L;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (Long.compareUnsigned(mantissa, 2L << MANTISSA_BITS) >= 0) {
            mantissa = 1L << MANTISSA_BITS;
            power2++;
        }
        mantissa &= ~(1L << MANTISSA_BITS);
        if (power2 >= INFINITE_POWER) {
            return Double.POSITIVE_INFINITY;
        }
        return Double.longBitsToDouble(((long) power2 << MANTISSA_BITS) | mantissa);
    }

    /** floor(log2(10^q)) + 63, exact over the supported range of q. */
    private static int power(final int q) {
        return (((152_170 + 65_536) * q) >> 16) + 63;
    }

    private static long unsignedMultiplyHigh(final long a, final long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * 5^q for q in [-342, 308], scaled by a power of two so that bit 127 is the top bit, in 128 bits: truncated
     * for q >= 0, and for q < 0 the reciprocal rounded up.
     */
    private static long[] powersOfFive() {
        long[] table = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger two127 = BigInteger.ONE.shiftLeft(127);
        BigInteger five = BigInteger.valueOf(5);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger value;
            if (q < 0) {
                BigInteger power = five.pow(-q);
                int z = power.bitLength();
                int bits = q >= -27 ? z + 127 : 2 * z + 128;
                value = BigInteger.ONE.shiftLeft(bits).divide(power).add(BigInteger.ONE);
                while (value.compareTo(two128) >= 0) {
                    value = value.shiftRight(1);
                }
            } else {
                value = five.pow(q);
                if (value.bitLength() < 128) {
                    value = value.shiftLeft(128 - value.bitLength());
                } else {
                    value = value.shiftRight(value.bitLength() - 128);
                }
            }
            assert value.compareTo(two127) >= 0 && value.compareTo(two128) < 0;
            int index = 2 * (q - SMALLEST_POWER);
            table[index] = value.shiftRight(64).longValue();
            table[index + 1] = value.longValue();
        }
        return table;
    }
}
