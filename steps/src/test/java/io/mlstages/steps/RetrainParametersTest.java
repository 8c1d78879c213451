package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parameters of the retrain job, from a drift check's result map. */
class RetrainParametersTest {
    private static Map<String, Object> result(final String incident) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", "ridership");
        result.put("version", 3);
        result.put("incidentId", incident);
        result.put("driftedColumns", new ArrayList<>(List.of("Clark_Lake", "Austin", "ridership")));
        return result;
    }

    @Test
    void shouldGiveTheFiveParametersInTheirOrder() {
        Map<String, String> parameters = RetrainParameters.of(result("ridership-0002"),
                "https://ci.example/job/drift/7/mlstages-drift/");

        assertThat(parameters.keySet()).containsExactlyElementsOf(RetrainParameters.NAMES);
        assertThat(parameters).containsEntry("MODEL_NAME", "ridership").containsEntry("MODEL_VERSION", "3")
                .containsEntry("INCIDENT_ID", "ridership-0002")
                .containsEntry("DRIFTED_COLUMNS", "Clark_Lake,Austin,ridership")
                .containsEntry("DRIFT_REPORT_URL", "https://ci.example/job/drift/7/mlstages-drift/");
    }

    @Test
    void shouldGiveAnEmptyUrlWhenThereIsNoReportPage() {
        assertThat(RetrainParameters.of(result("ridership-0002"), null)).containsEntry("DRIFT_REPORT_URL", "");
    }

    @Test
    void shouldRefuseAResultWithoutAnIncident() {
        assertThatThrownBy(() -> RetrainParameters.of(result(null), "u"))
                .isInstanceOf(StepException.class).hasMessageContaining("no incident");
    }
}
