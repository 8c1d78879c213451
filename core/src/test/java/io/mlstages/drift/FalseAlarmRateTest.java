package io.mlstages.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The alarm-budget arithmetic: tails against scipy, the BH rejection count against simulation, the inverse. */
class FalseAlarmRateTest {

    @Test
    void shouldMatchScipysBinomialAndHypergeometricTails() throws IOException {
        JsonNode fixtures = FalseDiscoveryTest.fixtures();
        for (JsonNode item : fixtures.path("binomial")) {
            double expected = item.path("sf").doubleValue();
            assertThat(FalseAlarmRate.binomialTail(item.path("n").asInt(), item.path("r").asInt(),
                    item.path("p").doubleValue())).as(item.toString()).isCloseTo(expected, within(1e-12 + 1e-9 * expected));
        }
        for (JsonNode item : fixtures.path("hypergeometric")) {
            double expected = item.path("sf").doubleValue();
            assertThat(FalseAlarmRate.hypergeometricTail(item.path("m").asInt(), item.path("f").asInt(),
                    item.path("n").asInt(), item.path("r").asInt())).as(item.toString())
                    .isCloseTo(expected, within(1e-12 + 1e-9 * expected));
        }
    }

    @Test
    void shouldCountBenjaminiHochbergRejectionsOfIndependentNullsAsSimulated() {
        int m = 10;
        double q = 0.2;
        int draws = 200_000;
        long[] counts = new long[m + 1];
        SplittableRandom random = new SplittableRandom(3);
        double[] p = new double[m];
        for (int d = 0; d < draws; d++) {
            for (int i = 0; i < m; i++) {
                p[i] = random.nextDouble();
            }
            Arrays.sort(p);
            int k = 0;
            for (int i = m; i >= 1; i--) {
                if (p[i - 1] < i * q / m) {
                    k = i;
                    break;
                }
            }
            counts[k]++;
        }
        double total = 0;
        for (int k = 0; k <= m; k++) {
            double expected = FalseAlarmRate.rejections(m, k, q);
            total += expected;
            // four binomial standard errors
            double band = 4 * Math.sqrt(expected * (1 - expected) / draws) + 1e-5;
            assertThat((double) counts[k] / draws).as("P(R = %d)", k).isCloseTo(expected, within(band));
        }
        assertThat(total).isCloseTo(1, within(1e-12));
        assertThat(FalseAlarmRate.rejections(m, 0, q)).as("P(any rejection) = q under the global null")
                .isCloseTo(1 - q, within(1e-15));
    }

    @Test
    void shouldGiveQForAnyColumnAndTheBinomialTailForAlpha() {
        assertThat(FalseAlarmRate.withFdr(20, 20, 1, 0.05)).isCloseTo(0.05, within(1e-12));
        assertThat(FalseAlarmRate.withAlpha(20, 1, 0.05)).isCloseTo(1 - Math.pow(0.95, 20), within(1e-12));
        // a target column in the family: 1 feature rejection needs a rejection that is not the target's
        assertThat(FalseAlarmRate.withFdr(21, 20, 1, 0.05)).isLessThan(0.05).isGreaterThan(0.05 * 20 / 21 - 1e-3);
        assertThat(FalseAlarmRate.withFdr(5, 0, 1, 0.05)).isZero();
        assertThat(FalseAlarmRate.alarmAt(20, 0.5)).isEqualTo(10);
        assertThat(FalseAlarmRate.alarmAt(19, 0.5)).isEqualTo(10);
        assertThat(FalseAlarmRate.alarmAt(20, 0.01)).isEqualTo(1);
        assertThat(FalseAlarmRate.alarmAt(3, 1)).isEqualTo(3);
    }

    @Test
    void shouldFindTheLevelThatMeetsABudget() {
        AlarmBudget budget = AlarmBudget.parse("1/month");
        double perCheck = budget.perCheck(Duration.ofHours(1));
        assertThat(FalseAlarmRate.checksPerMonth(Duration.ofHours(1))).isCloseTo(730.5, within(1e-9));
        assertThat(perCheck).isCloseTo(1 / 730.5, within(1e-15));
        for (int alarmAt : new int[] {1, 2, 10}) {
            double alpha = FalseAlarmRate.levelFor(perCheck, level -> FalseAlarmRate.withAlpha(20, alarmAt, level));
            assertThat(FalseAlarmRate.withAlpha(20, alarmAt, alpha)).isCloseTo(perCheck, within(1e-9 * perCheck));
            double q = FalseAlarmRate.levelFor(perCheck, level -> FalseAlarmRate.withFdr(20, 20, alarmAt, level));
            assertThat(FalseAlarmRate.withFdr(20, 20, alarmAt, q)).isCloseTo(perCheck, within(1e-9 * perCheck));
        }
        // any column, 20 independent columns: 1 - (1 - alpha)^20 = p, so alpha = 1 - (1 - p)^(1/20)
        assertThat(FalseAlarmRate.levelFor(perCheck, level -> FalseAlarmRate.withAlpha(20, 1, level)))
                .isCloseTo(1 - Math.pow(1 - perCheck, 1.0 / 20), within(1e-12));
    }

    @Test
    void shouldReadBudgetsAndRefuseOthersNamingThem() {
        assertThat(AlarmBudget.parse("1/month").perMonth()).isCloseTo(1, within(1e-12));
        assertThat(AlarmBudget.parse(" 0.5 / week ").perMonth()).isCloseTo(0.5 * 30.4375 / 7, within(1e-12));
        assertThat(AlarmBudget.parse("2/days").perMonth()).isCloseTo(60.875, within(1e-12));
        assertThat(AlarmBudget.parse("12/year").perMonth()).isCloseTo(1, within(1e-12));
        assertThat(AlarmBudget.parse("1/month")).hasToString("1/month");
        for (String bad : new String[] {"", "1", "month", "1/fortnight", "-1/month", "0/month", "1/2/month"}) {
            assertThatThrownBy(() -> AlarmBudget.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("budget");
        }
        assertThatThrownBy(() -> new FalseAlarmOptions(null, null, AlarmBudget.parse("1/month")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cadence");
        assertThatThrownBy(() -> new FalseAlarmOptions(null, Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cadence");
    }
}
