package io.mlstages.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.MultivariateOptions;
import io.mlstages.report.DriftReportJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The build page's line for the domain classifier, from a real report: Seattle's weather of 2012 against 2015. */
class MultivariateViewTest {
    private static final Path DATA = Path.of("../test-resources/datasets");

    @Test
    void shouldShowTheClassifiersVerdictAndTheColumnsThatSeparate() throws Exception {
        DriftReport report = DriftCheck.run(new DriftCheck.Request(DATA.resolve("seattle-weather-2012.csv"),
                List.of(DATA.resolve("seattle-weather-2015.csv")), null, null, null, null,
                MultivariateOptions.defaults().withSampleRows(300))).report();
        String json = DriftReportJson.toString(report);
        assertThat(DriftReportJson.fromJson(new ObjectMapper().readTree(json), "report.json").multivariate())
                .as("the JSON reads back").isEqualTo(report.multivariate());

        DriftView view = DriftView.parse(json, "report.json");

        MultivariateView multivariate = view.multivariate();
        assertThat(multivariate).isNotNull();
        assertThat(multivariate.drift()).isTrue();
        assertThat(multivariate.aucFloor()).isEqualTo("0.55");
        assertThat(multivariate.features()).isNotEmpty().allMatch(f -> f.matches(".+ \\([0-9.]+%\\)"));
        assertThat(view.multivariateNote()).startsWith("Multivariate drift (domain classifier): AUC 0.")
                .contains(" >= 0.55, p ", "; separated by " + multivariate.features().get(0));

        DriftReport plain = DriftCheck.run(DriftCheck.Request.of(DATA.resolve("seattle-weather-2012.csv"),
                List.of(DATA.resolve("seattle-weather-2015.csv")))).report();
        DriftView without = DriftView.parse(DriftReportJson.toString(plain), "report.json");
        assertThat(without.multivariate()).isNull();
        assertThat(without.multivariateNote()).isEmpty();
    }
}
