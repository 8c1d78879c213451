package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a child's result: what happens when it is missing or malformed (the real results: StepsEndToEndTest). */
class StepResultsTest {
    private static final StepSpec CHECK = StepCatalog.step(StepCatalog.CHECK_DRIFT);
    private static final Invocation INVOCATION = Invocation.of(CHECK, Map.of("reference", "r.csv", "current",
            "c.csv"), null, ".mlstages/checkDrift-4");

    @Test
    void shouldNameTheFileWhenAFindingLeftNoResult() {
        assertThatThrownBy(() -> StepResults.read(CHECK, INVOCATION, 1, null, null))
                .isInstanceOf(StepException.class).hasMessageContaining(".mlstages/checkDrift-4/result.json")
                .hasMessageContaining("exit code 1");
    }

    @Test
    void shouldNameTheFileAndFieldOfAMalformedResult() {
        assertThatThrownBy(() -> StepResults.read(CHECK, INVOCATION, 0, "{\"kind\": ", null))
                .isInstanceOf(StepException.class).hasMessageContaining(".mlstages/checkDrift-4/result.json")
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> StepResults.read(CHECK, INVOCATION, 0, "[1, 2]", null))
                .isInstanceOf(StepException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> StepResults.read(CHECK, INVOCATION, 0,
                "{\"kind\":\"mlstages-drift-report\",\"datasetDrift\":\"yes\",\"columns\":[]}", null))
                .isInstanceOf(StepException.class).hasMessageContaining("\"datasetDrift\"");
    }

    @Test
    void shouldReturnTheErrorOfBadInputWithoutAResult() {
        Map<String, Object> result = StepResults.read(CHECK, INVOCATION, 2, OnFinding.REPORT, null, null);

        assertThat(result).containsEntry("step", "checkDrift").containsEntry("exitCode", 2)
                .containsEntry("outcome", "ERROR").containsOnlyKeys("step", "exitCode", "outcome", "error");
        assertThat(result.get("error").toString()).contains("mlstages drift", "exit code 2", "bad input");
    }
}
