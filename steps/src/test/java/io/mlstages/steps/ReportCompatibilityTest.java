package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The build page and the step results read the reports of schema version 1 (test-resources/reports/v1, written by
 * the command line before the report model existed) to the values they showed then.
 */
@SuppressWarnings("unchecked")
class ReportCompatibilityTest {
    private static String v1(final String name) throws IOException {
        Path file = RepositoryRoot.find().resolve("test-resources/reports/v1").resolve(name);
        assertThat(file).as("committed with the repository").isRegularFile();
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void shouldShowAVersion1DriftReportWithItsSkippedRows() throws IOException {
        DriftView view = DriftView.parse(v1("drift-bad-rows.json"), "drift-bad-rows.json");

        assertThat(view.datasetDrift()).isTrue();
        assertThat(view.driftSharePercent()).isEqualTo("60%");
        assertThat(view.thresholdPercent()).isEqualTo("50%");
        assertThat(view.reference()).isEqualTo("seattle-weather-2012.csv");
        assertThat(view.currentRows()).isEqualTo(365);
        assertThat(view.topDrifted(5)).extracting(DriftView.Column::name)
                .containsExactly("weather", "temp_max", "temp_min");
        DriftView.Column tempMax = view.topDrifted(5).get(1);
        assertThat(tempMax.score()).isEqualTo("0.1525");
        assertThat(tempMax.pValue()).isEqualTo("4.05e-04");
        assertThat(tempMax.referenceMissingRate()).isEqualTo("0%");
        assertThat(view.badRowsTotal()).isEqualTo(2);
        assertThat(view.badRowsNote()).isEqualTo("Skipped 2 malformed rows (onBadRows 'skip'); the first: "
                + "bad.csv:62:wind: the row has 4 fields, expected 6 (as in the header): this column and the ones "
                + "after it are missing");
    }

    @Test
    void shouldReturnTheResultOfAVersion1CheckThatOpenedAnIncident() throws IOException {
        StepSpec step = StepCatalog.step(StepCatalog.CHECK_DRIFT);
        Invocation invocation = Invocation.of(step, Map.of("model", "chicago-ridership", "current", "c.csv"), "reg",
                ".mlstages/check");

        Map<String, Object> result = StepResults.read(step, invocation, 1, v1("check-incident-opened.json"), null);

        assertThat(result).contains(entry("datasetDrift", true), entry("model", "chicago-ridership"),
                entry("version", 1), entry("incidentId", "chicago-ridership-0001"), entry("incidentStage", "RETRAINING"),
                entry("severity", "HIGH"), entry("incidentOpened", true), entry("retrainDue", true),
                entry("retrainReason", "incident chicago-ridership-0001 opened"),
                entry("retrainRequestedAt", "2026-12-07T01:39:07.537Z"), entry("columns", 21));
        assertThat((List<Object>) result.get("driftedColumns")).hasSize(12).contains("Austin", "ridership");
        assertThat((Double) result.get("driftShare")).isEqualTo(0.5789473684210527);
    }

    @Test
    void shouldReturnTheEstimateOfACheckNextToItsDriftAndNoneForAVersion1Check() throws IOException {
        StepSpec step = StepCatalog.step(StepCatalog.CHECK_DRIFT);
        Invocation invocation = Invocation.of(step, Map.of("model", "chicago-ridership", "current", "c.csv"), "reg",
                ".mlstages/check");
        com.fasterxml.jackson.databind.node.ObjectNode withEstimate = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(v1("check-incident-opened.json"));
        withEstimate.set("estimate", io.mlstages.model.ReportJson.toTree(new io.mlstages.model.EstimatedPerformance(
                "binary", "calibrate.csv", 2300, 2347, 0.95, 200, List.of(
                        new io.mlstages.model.EstimatedPerformance.Metric("accuracy", 0.81, 0.78, 0.84, 0.80, 0.85,
                                true),
                        new io.mlstages.model.EstimatedPerformance.Metric("roc_auc", Double.NaN, Double.NaN,
                                Double.NaN, 0.83, null, false)), true, List.of())));

        Map<String, Object> estimated = StepResults.read(step, invocation, 1, withEstimate.toString(), null);
        Map<String, Object> plain = StepResults.read(step, invocation, 1, v1("check-incident-opened.json"), null);

        assertThat(estimated).containsEntry("estimateBreached", true).containsEntry("datasetDrift", true);
        Map<String, Object> metrics = (Map<String, Object>) estimated.get("estimated");
        assertThat(metrics).containsOnlyKeys("accuracy", "roc_auc");
        assertThat((Map<String, Object>) metrics.get("accuracy")).containsEntry("estimate", 0.81)
                .containsEntry("lower", 0.78).containsEntry("upper", 0.84).containsEntry("bound", 0.85)
                .containsEntry("breached", true);
        assertThat((Map<String, Object>) metrics.get("roc_auc")).containsEntry("estimate", null)
                .containsEntry("bound", null);
        assertThat(plain).containsEntry("estimateBreached", false).containsEntry("estimated", null);
        // the build page's line
        assertThat(DriftView.parse(withEstimate.toString(), "check.json").estimate()).isEqualTo(
                "Estimated performance below its bound (2300 rows, 95% band): accuracy 0.81 [0.78, 0.84] below the "
                        + "bound 0.85; roc_auc n/a");
        assertThat(DriftView.parse(v1("check-incident-opened.json"), "check.json").estimate()).isEmpty();
    }

    @Test
    void shouldReturnTheResultOfAVersion1DriftReportAsAPlainCheck() throws IOException {
        StepSpec step = StepCatalog.step(StepCatalog.CHECK_DRIFT);
        Invocation invocation = Invocation.of(step, Map.of("reference", "r.csv", "current", "c.csv"), null,
                ".mlstages/drift");

        Map<String, Object> result = StepResults.read(step, invocation, 1, v1("drift-chicago.json"), null);

        assertThat(result).contains(entry("datasetDrift", true), entry("driftShare", 0.6), entry("columns", 21),
                entry("model", null), entry("incidentId", null), entry("retrainDue", false),
                entry("retrainRequestedAt", null));
        assertThat((List<Object>) result.get("driftedColumns")).hasSize(12);
        assertThat((String) result.get("retrainReason")).startsWith("a check against a reference");
    }

    @Test
    void shouldShowAVersion1ValidationReport() throws IOException {
        ValidationView view = ValidationView.parse(v1("validation-regression-champion.json"), "validation.json");

        assertThat(view.passed()).isTrue();
        assertThat(view.task()).isEqualTo("regression");
        assertThat(view.baseline().label()).isEqualTo("chicago-ridership v1");
        assertThat(view.gatesFailed()).isZero();
        assertThat(view.gatesPassed()).isEqualTo(23);
        assertThat(view.metrics()).filteredOn(m -> m.name().equals("rmse")).singleElement()
                .satisfies(m -> {
                    assertThat(m.value()).isEqualTo("2.708");
                    assertThat(m.baseline()).isEqualTo("5.329");
                    assertThat(m.difference()).isEqualTo("-2.621");
                });

        ValidationView failed = ValidationView.parse(v1("validation-binary.json"), "validation.json");
        assertThat(failed.failedGates()).extracting(ValidationView.Gate::name).containsExactly("max log_loss");
        assertThat(failed.rows()).isEqualTo(142);
        assertThat(failed.hasBaseline()).isFalse();
    }

    @Test
    void shouldReturnTheResultsOfVersion1Deployments() throws IOException {
        StepSpec step = StepCatalog.step(StepCatalog.DEPLOY);
        Invocation invocation = Invocation.of(step, Map.of("model", "cancer", "package", "pkg", "force", true),
                "reg", ".mlstages/deploy");

        Map<String, Object> deployed = StepResults.read(step, invocation, 0, v1("deploy.json"), null);
        Map<String, Object> refused = StepResults.read(step, invocation, 1, v1("deploy-refused.json"), null);

        assertThat(deployed).contains(entry("model", "cancer"), entry("version", 1), entry("alias", "production"),
                entry("previousVersion", null), entry("deployed", true), entry("forced", true),
                entry("refused", null), entry("mitigatedIncident", null));
        assertThat((List<Object>) deployed.get("targets")).containsExactly(Map.of("target", "registry", "ok", true,
                "detail", "alias 'production' moved to version 1 (forced: not blessed)"));
        assertThat(DeploymentSummary.of(deployed).targetsOk()).containsExactly("registry");
        assertThat(refused).contains(entry("version", null), entry("deployed", false));
        assertThat((String) refused.get("refused")).startsWith("The package pkg is not blessed");
    }
}
