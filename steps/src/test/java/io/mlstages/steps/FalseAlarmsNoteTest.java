package io.mlstages.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlstages.data.ReadOptions;
import io.mlstages.drift.AlarmBudget;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.FalseAlarmOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.report.DriftReportJson;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The build page's line on the false-alarm control, from reports of Chicago 2010's two halves. */
class FalseAlarmsNoteTest {
    private static final Path DATA = Path.of("../test-resources/datasets");

    private static String report(final FalseAlarmOptions alarms) {
        Profile ref = Profiles.of(DATA.resolve("chicago-2010-a.csv"), ReadOptions.defaults(),
                ProfileSettings.defaults());
        Profile cur = Profiles.of(DATA.resolve("chicago-2010-b.csv"), ReadOptions.defaults(),
                ProfileSettings.defaults());
        return DriftReportJson.toString(DriftDetector.compare(ref, cur,
                DriftOptions.defaults().withFalseAlarms(alarms)));
    }

    @Test
    void shouldSayWhichControlJudgedTheColumnsAndTheFalseAlarmsAMonth() {
        DriftView alpha = DriftView.parse(report(FalseAlarmOptions.NONE), "drift.json");
        assertThat(alpha.falseAlarms()).isEqualTo("Columns judged each at alpha 0.0500");

        DriftView fdr = DriftView.parse(report(new FalseAlarmOptions(0.05, Duration.ofHours(1),
                AlarmBudget.parse("1/month"))), "drift.json");
        assertThat(fdr.falseAlarms()).startsWith("Columns judged together: false discovery rate q 0.0500 over 20 "
                + "columns (alarm budget 1/month); expected false alarms per month under no drift: ")
                .endsWith(" (independent columns assumed)");
    }

    @Test
    void shouldShowNothingForAReportWithoutThePart() {
        String old = report(FalseAlarmOptions.NONE).replaceAll("(?s),\\s*\"falseAlarms\"\\s*:\\s*\\{.*?\"columns\" : \\[ \\]\\s*}", "");
        assertThat(old).doesNotContain("falseAlarms");
        assertThat(DriftView.parse(old, "old.json").falseAlarms()).isEmpty();
    }
}
