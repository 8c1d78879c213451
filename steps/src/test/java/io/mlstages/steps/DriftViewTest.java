package io.mlstages.steps;

import io.mlstages.data.BadRowLog;
import io.mlstages.data.OnBadRows;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.Schema;
import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftDetector;
import io.mlstages.profile.ConstraintSuggestions;
import io.mlstages.drift.DriftOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.report.DriftReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build page's view of a real drift report: Chicago ridership in 2002 against 2008. */
class DriftViewTest {
    private static final Path DATA = Path.of("../test-resources/datasets");

    private static String report(final String reference, final String current) {
        Profile ref = Profiles.of(DATA.resolve(reference), ReadOptions.defaults(), ProfileSettings.defaults());
        Profile cur = Profiles.of(DATA.resolve(current), ReadOptions.defaults(), ProfileSettings.defaults());
        return DriftReportJson.toString(DriftDetector.compare(ref, cur,
                DriftOptions.defaults().withTarget("ridership")));
    }

    @Test
    void shouldListDriftedColumnsFirstByScoreAndFormatNumbersForPeople() {
        DriftView view = DriftView.parse(report("chicago-2002.csv", "chicago-2008.csv"), "drift.json");

        assertThat(view.datasetDrift()).isTrue();
        assertThat(view.reference()).isEqualTo("chicago-2002.csv");
        assertThat(view.referenceRows()).isEqualTo(365);
        assertThat(view.columns()).hasSize(21);
        List<DriftView.Column> drifted = view.columns().stream().filter(DriftView.Column::drift).toList();
        assertThat(view.columns().subList(0, drifted.size())).isEqualTo(drifted);
        List<Double> scores = drifted.stream().map(c -> Double.parseDouble(c.score())).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(view.topDrifted(3)).isEqualTo(drifted.subList(0, 3));
        assertThat(view.driftSharePercent()).isEqualTo(Math.round(view.driftShare() * 100) + "%");
        for (DriftView.Column column : view.columns()) {
            assertThat(column.score()).matches("n/a|0|-?[0-9]+(\\.[0-9]+)?|-?[0-9]\\.[0-9]{2}e-[0-9]+");
            assertThat(column.referenceMissingRate()).matches("(<0\\.1|[0-9]+(\\.[0-9])?)%|n/a");
            // four significant digits at most
            if (column.score().matches("0\\.[0-9]+")) {
                assertThat(column.score().replaceFirst("^0\\.0*", "").length()).isLessThanOrEqualTo(4);
            }
        }
        assertThat(view.columns()).anySatisfy(c -> assertThat(c.pValue()).contains("e-"));
    }

    @Test
    void shouldShowTheViolatedConstraintsOfTheCurrentData(@TempDir final Path dir) throws IOException {
        Path reference = DATA.resolve("chicago-2002.csv");
        Schema suggested = ConstraintSuggestions.suggest(Profiles.of(reference, ReadOptions.defaults(),
                ProfileSettings.defaults()));
        List<String> lines = Files.readAllLines(reference);
        lines.set(10, lines.get(10).replaceFirst("^([^,]*),[^,]*,", "$1,-50,"));
        lines.add(lines.get(1));
        Path damaged = dir.resolve("live.csv");
        Files.write(damaged, lines);
        String json = DriftReportJson.toString(DriftCheck.run(new DriftCheck.Request(reference, List.of(damaged),
                null, ReadOptions.defaults().withSchema(suggested), null, null)).report());

        DriftView view = DriftView.parse(json, "drift.json");

        assertThat(view.datasetDrift()).isFalse();
        assertThat(view.constraints().violated()).isEqualTo(2);
        assertThat(view.constraints().note()).isEqualTo("Constraints: 2 of " + view.constraints().checked()
                + " violated");
        assertThat(view.constraints().failed()).containsExactly(
                "date: unique no value twice: 1 in 366 rows; e.g. live.csv:367: 2002-01-01 (first at line 2)",
                "ridership: min >= 0: 1 in 366 rows; e.g. live.csv:11: -50");
        assertThat(DriftView.parse(report("chicago-2002.csv", "chicago-2008.csv"), "drift.json").constraints().note())
                .isEmpty();
    }

    @Test
    void shouldShowTheRowsThatReadingSkipped(@TempDir final Path dir) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve("chicago-2008.csv"));
        lines.set(39, "2008-02-08,1.5");
        lines.set(59, "2008-02-28,<script>");
        Path damaged = dir.resolve("chicago-damaged.csv");
        Files.write(damaged, lines);
        BadRowLog log = new BadRowLog();
        ReadOptions skip = ReadOptions.defaults().withOnBadRows(OnBadRows.SKIP).withBadRowLog(log);
        Profile ref = Profiles.of(DATA.resolve("chicago-2002.csv"), ReadOptions.defaults(), ProfileSettings.defaults());
        Profile cur = Profiles.of(damaged, skip, ProfileSettings.defaults());
        String json = DriftReportJson.toString(DriftDetector.compare(ref, cur, DriftOptions.defaults())
                .withBadRows(log.snapshot()));

        DriftView view = DriftView.parse(json, "drift.json");

        assertThat(view.badRowsTotal()).isEqualTo(2);
        assertThat(view.badRows()).containsExactly(damaged + ":40:Austin: the row has 2 fields, expected 21 (as in "
                + "the header): this column and the ones after it are missing", damaged + ":60:Austin: the row has 2 "
                + "fields, expected 21 (as in the header): this column and the ones after it are missing");
        assertThat(view.badRowsNote()).startsWith("Skipped 2 malformed rows (onBadRows 'skip'); the first: " + damaged
                + ":40:Austin:");
        assertThat(DriftView.parse(report("chicago-2002.csv", "chicago-2008.csv"), "drift.json").badRowsNote())
                .isEmpty();
    }

    @Test
    void shouldFormatWithADotInEveryLocaleAndShowRatesAsPercentages() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(DriftView.format(0.42234)).isEqualTo("0.4223");
            assertThat(DriftView.format(12.3456)).isEqualTo("12.35");
            assertThat(DriftView.format(9.72e-29)).isEqualTo("9.72e-29");
            assertThat(DriftView.format(Double.NaN)).isEqualTo("n/a");
            assertThat(DriftView.format(0.1)).isEqualTo("0.1");
            assertThat(DriftView.percent(0.125)).isEqualTo("12.5%");
            assertThat(DriftView.percent(0)).isEqualTo("0%");
            assertThat(DriftView.percent(1)).isEqualTo("100%");
            assertThat(DriftView.percent(0.0001)).isEqualTo("<0.1%");
        }
        finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void shouldNameTheSourceWhenItIsNotADriftReport() {
        assertThatThrownBy(() -> DriftView.parse("{\"kind\":\"mlstages-validation-report\"}", "reports/x.json"))
                .isInstanceOf(StepException.class).hasMessageContaining("reports/x.json")
                .hasMessageContaining("not a drift report");
        assertThatThrownBy(() -> DriftView.parse("{\"kind\":", "reports/y.json"))
                .isInstanceOf(StepException.class).hasMessageContaining("reports/y.json");
        assertThatThrownBy(() -> DriftView.parse("{\"kind\":\"mlstages-drift-report\",\"datasetDrift\":true}",
                "z.json")).hasMessageContaining("\"columns\"");
    }
}
