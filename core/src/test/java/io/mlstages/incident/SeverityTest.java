package io.mlstages.incident;

import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The severity rule on real drift: Chicago ridership of 2002 and 2008 against 2005-2007. */
class SeverityTest {
    private static DriftReport compare(final String reference, final String current) {
        ProfileSettings settings = ProfileSettings.defaults();
        return DriftDetector.compare(
                Profiles.of(ChicagoModel.dataset(reference), ReadOptions.defaults(), settings),
                Profiles.of(ChicagoModel.dataset(current), ReadOptions.defaults(), settings),
                DriftOptions.defaults().withTarget("ridership"));
    }

    @Test
    void shouldRateNoDriftLowAndWiderDriftHigher() {
        DriftReport none = compare("chicago-ridership-train.csv", "chicago-ridership-train.csv");
        DriftReport narrower = compare("chicago-ridership-train.csv", "chicago-2002.csv");
        DriftReport wider = compare("chicago-ridership-train.csv", "chicago-2008.csv");

        assertThat(Severity.of(none)).isEqualTo(Severity.LOW);
        assertThat(narrower.driftShare()).isLessThan(wider.driftShare());
        assertThat(Severity.of(wider)).isGreaterThan(Severity.of(narrower));
    }

    @Test
    void shouldCompareBySeverityOrder() {
        assertThat(Severity.HIGH.above(Severity.MEDIUM)).isTrue();
        assertThat(Severity.MEDIUM.above(Severity.MEDIUM)).isFalse();
        assertThat(Severity.max(Severity.LOW, Severity.CRITICAL)).isEqualTo(Severity.CRITICAL);
    }
}
