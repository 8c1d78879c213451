package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --fdr}, {@code --cadence} and {@code --alarm-budget} on real data: the chance alarm of Chicago 2010's two
 * random halves goes away under the false discovery rate while the real drift of 2002 against 2008 stays, every
 * report form says which control was used, and bad values are usage errors (exit 2) naming the option.
 */
class FalseAlarmsCliTest {
    private static final String DATA = "../test-resources/datasets/";
    private static final String HALF_A = DATA + "chicago-2010-a.csv";
    private static final String HALF_B = DATA + "chicago-2010-b.csv";

    @TempDir
    Path dir;

    @Test
    void shouldDropTheChanceAlarmOfTwoHalvesUnderFdrAndKeepRealDrift() throws IOException {
        // any drifted column raises the alarm: with alpha 0.05 on 20 columns, 'month' (p 0.011) is the chance alarm
        CliRun alpha = CliRun.of("drift", "-r", HALF_A, "-c", HALF_B, "--drift-share", "0.01");
        assertThat(alpha.exitCode()).as(alpha.err()).isEqualTo(1);
        assertThat(alpha.out()).contains("False alarms: alpha 0.0500 per column, 20 tested columns");

        Path json = dir.resolve("fdr.json");
        Path junit = dir.resolve("fdr.xml");
        Path html = dir.resolve("fdr.html");
        CliRun fdr = CliRun.of("drift", "-r", HALF_A, "-c", HALF_B, "--drift-share", "0.01", "--fdr", "0.05",
                "--json", json.toString(), "--junit", junit.toString(), "--html", html.toString());
        assertThat(fdr.exitCode()).as(fdr.out() + fdr.err()).isZero();
        assertThat(fdr.out()).contains("False alarms: Benjamini-Hochberg false discovery rate q 0.0500 over 20 tested "
                + "columns").contains("column", "p-value", "q-value");
        assertThat(fdr.out().lines().filter(l -> l.startsWith("  month ")).findFirst().orElseThrow())
                .contains("0.0111", "not significant");

        JsonNode alarms = new ObjectMapper().readTree(json.toFile()).get("falseAlarms");
        assertThat(alarms.get("control").asText()).isEqualTo("fdr");
        assertThat(alarms.get("level").asDouble()).isEqualTo(0.05);
        assertThat(alarms.get("tests").asInt()).isEqualTo(20);
        assertThat(alarms.get("columns")).hasSize(20);
        JsonNode month = null;
        for (JsonNode column : alarms.get("columns")) {
            if (column.get("name").asText().equals("month")) {
                month = column;
            }
            assertThat(column.get("qValue").asDouble()).isGreaterThanOrEqualTo(column.get("pValue").asDouble());
        }
        assertThat(month).isNotNull();
        // the smallest of 20 p-values: q = 20 · p
        assertThat(month.get("qValue").asDouble()).isCloseTo(20 * month.get("pValue").asDouble(), within(1e-12));
        assertThat(month.get("significant").asBoolean()).isFalse();
        assertThat(Files.readString(junit)).contains("name=\"falseAlarmControl\" value=\"fdr\"");
        assertThat(Files.readString(html)).contains("<table id=\"fdr\">", "Benjamini-Hochberg");

        CliRun real = CliRun.of("drift", "-r", DATA + "chicago-2002.csv", "-c", DATA + "chicago-2008.csv", "--fdr",
                "0.05");
        assertThat(real.exitCode()).as(real.err()).isEqualTo(1);
        assertThat(real.out()).startsWith("DATASET DRIFT: 12 of 20 feature columns drifted");
    }

    @Test
    void shouldSayWhatTheScheduleImpliesAndMeetABudget() throws IOException {
        Path json = dir.resolve("budget.json");
        CliRun run = CliRun.of("drift", "-r", HALF_A, "-c", HALF_B, "--drift-share", "0.01", "--cadence", "1h",
                "--alarm-budget", "1/month", "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode alarms = new ObjectMapper().readTree(json.toFile()).get("falseAlarms");
        assertThat(alarms.get("budget").asText()).isEqualTo("1/month");
        assertThat(alarms.get("cadence").asText()).isEqualTo("PT1H");
        assertThat(alarms.get("checksPerMonth").asDouble()).isCloseTo(730.5, within(1e-9));
        assertThat(alarms.get("expectedFalseAlarmsPerMonth").asDouble()).isCloseTo(1, within(1e-6));
        // any of 20 independent columns at alpha: 1 - (1 - alpha)^20 = 1/730.5
        assertThat(alarms.get("level").asDouble()).isCloseTo(1 - Math.pow(1 - 1 / 730.5, 1.0 / 20), within(1e-9));
        assertThat(run.out()).contains("alarm budget 1/month allows alpha 6.85e-05",
                "expected false alarms per month under no drift 1.00");

        // the default settings on an hourly schedule: what they imply is said, nothing is changed
        CliRun defaults = CliRun.of("drift", "-r", HALF_A, "-c", HALF_B, "--cadence", "1h");
        assertThat(defaults.out()).contains("dataset drift needs 10 of 20 features", "a check every 1h runs 731 a month");
    }

    @Test
    void shouldRefuseLevelsOutOfRangeAndConflictsWithExitTwo() {
        for (String q : new String[] {"0", "1", "1.5", "-0.1", "x"}) {
            CliRun run = CliRun.of("drift", "-r", HALF_A, "-c", HALF_B, "--fdr", q);
            assertThat(run.exitCode()).as(q).isEqualTo(2);
            assertThat(run.err()).as(q).containsIgnoringCase("fdr");
        }
        CliRun both = CliRun.of("drift", "-r", HALF_A, "-c", HALF_B, "--fdr", "0.05", "--column-alpha", "month=0.01");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("month", "exclude each other");
        CliRun noCadence = CliRun.of("drift", "-r", HALF_A, "-c", HALF_B, "--alarm-budget", "1/month");
        assertThat(noCadence.exitCode()).isEqualTo(2);
        assertThat(noCadence.err()).contains("cadence");
        CliRun badBudget = CliRun.of("drift", "-r", HALF_A, "-c", HALF_B, "--cadence", "1h", "--alarm-budget", "1/fortnight");
        assertThat(badBudget.exitCode()).isEqualTo(2);
        assertThat(badBudget.err()).contains("1/fortnight");
        assertThat(CliRun.of("check", "--help").out()).contains("--fdr", "--cadence", "--alarm-budget");
    }
}
