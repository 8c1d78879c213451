package io.mlstages.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberParserTest {
    private final NumberParser parser = new NumberParser();

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+0", "0.0", "-0.0", "00", "000123.4500", "1", "-1", "+1", ".5", "5.", "-.5",
        "0.1", "0.2", "0.3", "1e22", "1e23", "1e-22", "1e-23", "123e30", "9e37", "999999999999999e22",
        "9007199254740992", "9007199254740993", "123456789012345", "1234567890123456", "12345678901234567890",
        "0.000001", "1.7976931348623157e308", "1.7976931348623159e308", "4.9e-324", "2.4e-324", "1e-400",
        "1e400", "1E5", "1e+5", "1e-5", "1.5e0010", "3.141592653589793", "2.718281828459045235360287",
        "0.30000000000000004", "100000000000000000000000", "0.000000000000000000000000001", "1e-0",
        "123456.789e3", "-2.2250738585072014E-308", "2.2250738585072011e-308", "7.038531e-26",
        "1448997445238699", "4.8726570057e288", "0e999999", "1e99999999999"})
    void shouldAgreeWithDoubleParseDoubleOnEdgeCases(final String text) {
        assertSame(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "-.", "e5", "1e", "1e+", "1e-", "1.2.3", "1f", "1d", "1D", "0x10",
        "1,5", " 1", "1 ", "--1", "1-", "Infinityx", "nanx", "in", "infinit", "1e5.5", "abc", "١٢", "1_000"})
    void shouldRefuseTextThatIsNotAPlainNumber(final String text) {
        char[] chars = text.toCharArray();
        parser.parse(chars, 0, chars.length);
        assertThat(parser.valid()).as(text).isFalse();
    }

    @Test
    void shouldReadInfinitiesAndNanInAnyCase() {
        assertThat(parse("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("+INF")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("NaN")).isNaN();
        assertThat(parse("nan")).isNaN();
        assertThat(parse("-NAN")).isNaN();
    }

    @Test
    void shouldParseARangeInsideALargerBuffer() {
        char[] chars = "x,12.5,y".toCharArray();
        assertThat(parser.parse(chars, 2, 6)).isEqualTo(12.5);
        assertThat(parser.valid()).isTrue();
    }

    @Test
    void shouldAgreeWithDoubleParseDoubleOnRandomDecimals() {
        SplittableRandom random = new SplittableRandom(20_261_127);
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 300_000; n++) {
            text.setLength(0);
            if (random.nextBoolean()) {
                text.append('-');
            }
            int integerDigits = random.nextInt(0, 20);
            int fractionDigits = random.nextInt(integerDigits == 0 ? 1 : 0, 20);
            for (int k = 0; k < integerDigits; k++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (fractionDigits > 0 || random.nextBoolean()) {
                text.append('.');
            }
            for (int k = 0; k < fractionDigits; k++) {
                // runs of zeros and nines make carries and trailing zeros likely
                int kind = random.nextInt(4);
                text.append(kind == 0 ? '0' : kind == 1 ? '9' : (char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(3) == 0) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(-40, 41));
            }
            assertSame(text.toString());
        }
    }

    @Test
    void shouldAgreeWithDoubleParseDoubleOnFormattedRandomDoubles() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 200_000; n++) {
            double value = switch (n % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // any bit pattern, any magnitude
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-25, 25));
                case 2 -> random.nextGaussian() * 1000;
                default -> random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L) / 1000.0;
            };
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            assertSame(Double.toString(value));
            assertSame(String.format(Locale.ROOT, "%." + random.nextInt(0, 18) + "f", value));
            assertSame(String.format(Locale.ROOT, "%." + random.nextInt(0, 18) + "e", value));
        }
    }

    @Test
    void shouldAgreeWithDoubleParseDoubleOnEveryShortDecimal() {
        // every decimal with up to 4 digits and the point anywhere, times exponents around the fast-path limits
        int[] exponents = {-24, -23, -22, -21, -1, 0, 1, 15, 21, 22, 23, 30, 37, 38};
        for (int value = 0; value < 10_000; value++) {
            String digits = Integer.toString(value);
            for (int point = 0; point <= digits.length(); point++) {
                String decimal = digits.substring(0, point) + "." + digits.substring(point);
                if (decimal.equals(".")) {
                    continue;
                }
                assertSame(decimal);
                for (int exponent : exponents) {
                    assertSame(decimal + "e" + exponent);
                }
            }
        }
    }

    @Test
    void shouldRoundLongSignificandsExactlyAtEveryMagnitude() {
        // 16 to 18 significant digits take the Eisel-Lemire path; exponents run past both ends of the doubles
        SplittableRandom random = new SplittableRandom(99);
        for (int n = 0; n < 300_000; n++) {
            long significand = random.nextLong(1_000_000_000_000_000L, 1_000_000_000_000_000_000L);
            int exponent = random.nextInt(-360, 330);
            assertSame(significand + "e" + exponent);
            assertSame("0." + significand + "e" + exponent);
        }
    }

    @Test
    void shouldRoundHalfWayIntegersToEven() {
        // odd integers between 2^53 and 2^54 lie exactly half-way between two doubles
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 100_000; n++) {
            long value = random.nextLong(1L << 53, 1L << 59) | 1;
            assertSame(Long.toString(value));
            assertSame(Long.toString(value) + ".000");
        }
    }

    @Test
    void shouldReadSubnormalsAndTheLimitsOfTheDoubles() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 100_000; n++) {
            double subnormal = Double.longBitsToDouble(random.nextLong(1, 1L << 52));
            assertSame(Double.toString(subnormal));
            assertSame(Double.toString(Math.nextUp(Double.MAX_VALUE - random.nextDouble() * 1e292)));
        }
    }

    private double parse(final String text) {
        char[] chars = text.toCharArray();
        double value = parser.parse(chars, 0, chars.length);
        assertThat(parser.valid()).as(text).isTrue();
        return value;
    }

    private void assertSame(final String text) {
        double expected = Double.parseDouble(text);
        double actual = parse(text);
        if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
            // build the message only on failure: this runs millions of times
            assertThat(actual).as(text).isEqualTo(expected);
            assertThat(Double.doubleToRawLongBits(actual)).as("sign of zero for " + text)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }
}
