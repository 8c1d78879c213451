package io.mlstages.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Benjamini–Hochberg: a hand-checked family, scipy's {@code false_discovery_control}, and its properties. */
class FalseDiscoveryTest {

    static JsonNode fixtures() throws IOException {
        try (InputStream in = FalseDiscoveryTest.class.getResourceAsStream("/drift/fdr.json")) {
            assertThat(in).as("drift/fdr.json (make_fdr_fixtures.py)").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void shouldRejectTheHandCheckedFamilyByTheStepUpRule() {
        // sorted: 0.005, 0.01, 0.03, 0.04, 0.5; at q 0.06 the critical values i·q/5 are 0.012, 0.024, 0.036, 0.048,
        // 0.06: p(4) = 0.04 < 0.048 is the largest rank below its value, so the four smallest are rejected (p(3) =
        // 0.03 < 0.036 too; the step-up rule would reject it even if it were not), the cutoff is 4·0.06/5 = 0.048
        FalseDiscovery.Family family = FalseDiscovery.control(family(0.01, 0.04, 0.03, 0.005, 0.5), 0.06);
        assertThat(family.cutoff()).isCloseTo(0.048, within(1e-15));
        assertThat(family.decisions()).extracting(FalseDiscovery.Decision::rejected)
                .containsExactly(true, true, true, true, false);
        // q-values: m·p(i)/i = 0.025, 0.025, 0.05, 0.05, 0.5, then the running minimum from the top
        assertThat(family.decisions()).extracting(FalseDiscovery.Decision::qValue)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-15 ? 0 : Double.compare(a, b))
                .containsExactly(0.025, 0.05, 0.05, 0.025, 0.5);
        // at q 0.045 the critical values are 0.009, 0.018, 0.027, 0.036, 0.045: p(4) and p(3) are above theirs,
        // p(2) = 0.01 < 0.018, so two are rejected and the cutoff is 2·0.045/5
        FalseDiscovery.Family fewer = FalseDiscovery.control(family(0.01, 0.04, 0.03, 0.005, 0.5), 0.045);
        assertThat(fewer.cutoff()).isCloseTo(0.018, within(1e-15));
        assertThat(fewer.decisions()).extracting(FalseDiscovery.Decision::rejected)
                .containsExactly(true, false, false, true, false);
    }

    @Test
    void shouldAdjustAsScipyFalseDiscoveryControl() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        int cases = 0;
        for (JsonNode item : fixtures().path("adjusted")) {
            double[] p = doubles(item.path("p"));
            double[] expected = doubles(item.path("q"));
            double[] actual = FalseDiscovery.adjust(p);
            for (int i = 0; i < p.length; i++) {
                soft.assertThat(actual[i]).as(item.path("name").asText() + " #" + i)
                        .isCloseTo(expected[i], within(1e-12 + 1e-12 * expected[i]));
            }
            cases++;
        }
        soft.assertAll();
        assertThat(cases).isEqualTo(7);
    }

    @Test
    void shouldGiveMonotoneQValuesNeverBelowTheirPValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int m = 1 + random.nextInt(60);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                // a mixture: mostly uniform, some tiny, some rounded to two digits so that ties occur
                double u = random.nextDouble();
                p[i] = i % 5 == 0 ? u * 1e-4 : i % 3 == 0 ? Math.round(u * 100) / 100.0 : u;
            }
            double[] q = FalseDiscovery.adjust(p);
            Integer[] order = new Integer[m];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
            for (int r = 0; r < m; r++) {
                int i = order[r];
                assertThat(q[i]).isGreaterThanOrEqualTo(p[i]).isLessThanOrEqualTo(1);
                if (r > 0) {
                    assertThat(q[i]).as("q-values follow the p-values' order").isGreaterThanOrEqualTo(q[order[r - 1]]);
                    if (p[i] == p[order[r - 1]]) {
                        assertThat(q[i]).as("tied p-values, one q-value").isEqualTo(q[order[r - 1]]);
                    }
                }
            }
        }
    }

    @Test
    void shouldRejectExactlyTheTestsWhoseQValueIsBelowQ() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            Map<FalseDiscovery.Key, Double> pValues = new LinkedHashMap<>();
            int m = 1 + random.nextInt(40);
            for (int i = 0; i < m; i++) {
                pValues.put(new FalseDiscovery.Key(i % 2 == 0 ? null : "s" + (i % 3), "c" + i),
                        random.nextDouble() < 0.3 ? random.nextDouble() * 0.01 : random.nextDouble());
            }
            double q = 0.01 + 0.3 * random.nextDouble();
            FalseDiscovery.Family family = FalseDiscovery.control(pValues, q);
            for (FalseDiscovery.Decision decision : family.decisions()) {
                assertThat(decision.rejected()).isEqualTo(decision.qValue() < q)
                        .isEqualTo(decision.pValue() < family.cutoff());
            }
            assertThat(family.byKey().keySet()).containsExactlyElementsOf(pValues.keySet());
        }
    }

    @Test
    void shouldTreatOneTestAsAlphaDoes() {
        FalseDiscovery.Family family = FalseDiscovery.control(family(0.037), 0.05);
        assertThat(family.decisions().get(0).qValue()).isEqualTo(0.037);
        assertThat(family.decisions().get(0).rejected()).isTrue();
        assertThat(FalseDiscovery.control(family(0.05), 0.05).rejected()).as("p = q is not below q").isZero();
        assertThat(FalseDiscovery.control(Map.of(), 0.05).decisions()).isEmpty();
    }

    @Test
    void shouldKeepTiesTogetherInTheDecision() {
        // three tied at 0.02 among six, ranks 2 to 4: 6·0.02/i is 0.06, 0.04, 0.03 and the running minimum from the
        // top gives all three 0.03; rank 4 is below its critical value 4·0.05/6, so all three are rejected
        FalseDiscovery.Family family = FalseDiscovery.control(family(0.02, 0.02, 0.02, 0.5, 0.5, 0.001), 0.05);
        assertThat(family.decisions()).extracting(FalseDiscovery.Decision::qValue)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-15 ? 0 : Double.compare(a, b))
                .containsExactly(0.03, 0.03, 0.03, 0.5, 0.5, 0.006);
        assertThat(family.decisions()).extracting(FalseDiscovery.Decision::rejected)
                .containsExactly(true, true, true, false, false, true);
    }

    @Test
    void shouldRefuseALevelOutsideZeroToOneAndPValuesOutOfRange() {
        for (double q : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> FalseDiscovery.control(family(0.01), q))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("false discovery rate q")
                    .hasMessageContaining(String.valueOf(q));
        }
        assertThatThrownBy(() -> FalseDiscovery.adjust(new double[] {0.1, 1.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.2").hasMessageContaining("test 2");
        assertThatThrownBy(() -> FalseDiscovery.adjust(new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new FalseAlarmOptions(0.0, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fdr");
        assertThatThrownBy(() -> new FalseAlarmOptions(1.0, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fdr");
    }

    private static Map<FalseDiscovery.Key, Double> family(final double... p) {
        Map<FalseDiscovery.Key, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            out.put(new FalseDiscovery.Key(null, "c" + i), p[i]);
        }
        return out;
    }

    static double[] doubles(final JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }
}
