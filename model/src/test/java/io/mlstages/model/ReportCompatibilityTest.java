package io.mlstages.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports of schema version 1, written by the command line before the report model existed, read to the same values
 * and written back byte for byte: the model neither loses nor reorders a field.
 */
class ReportCompatibilityTest {
    @ParameterizedTest
    @ValueSource(strings = {"drift-chicago.json", "drift-bad-rows.json"})
    void shouldWriteAVersion1DriftReportBackByteForByte(final String name) {
        String text = V1Reports.text(name);

        DriftReportDocument report = ReportJson.read(text, DriftReportDocument.TYPE, name);

        assertThat(ReportJson.toString(report) + "\n").isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check-incident-opened.json", "check-incident-resolved.json"})
    void shouldWriteAVersion1CheckReportBackByteForByte(final String name) {
        String text = V1Reports.text(name);

        assertThat(ReportJson.toString(CheckReport.read(text, name)) + "\n").isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"validation-binary.json", "validation-regression-champion.json"})
    void shouldWriteAVersion1ValidationReportBackByteForByte(final String name) {
        String text = V1Reports.text(name);

        assertThat(ReportJson.toString(ReportJson.read(text, ValidationReportDocument.TYPE, name)) + "\n")
                .isEqualTo(text);
    }

    @Test
    void shouldWriteAVersion1IncidentBackByteForByte() {
        String text = V1Reports.text("incident.json");

        assertThat(ReportJson.toString(ReportJson.read(text, IncidentDocument.TYPE, "incident.json")) + "\n")
                .isEqualTo(text);
    }

    @Test
    void shouldReadTheValuesOfAVersion1DriftReport() {
        DriftReportDocument report = ReportJson.read(V1Reports.text("drift-bad-rows.json"), DriftReportDocument.TYPE,
                "drift-bad-rows.json");

        assertThat(report.schemaVersion()).isEqualTo(1);
        assertThat(report.reference()).isEqualTo("seattle-weather-2012.csv");
        assertThat(report.current()).isEqualTo("bad.csv");
        assertThat(report.referenceRows()).isEqualTo(366);
        assertThat(report.currentRows()).isEqualTo(365);
        assertThat(report.datasetDrift()).isTrue();
        assertThat(report.driftShare()).isEqualTo(0.6);
        assertThat(report.driftedColumns()).isEqualTo(3);
        assertThat(report.columns()).extracting(ColumnVerdict::name)
                .containsExactly("precipitation", "temp_max", "temp_min", "wind", "weather", "date");
        ColumnVerdict tempMax = report.columns().get(1);
        assertThat(tempMax.method()).isEqualTo("ks");
        assertThat(tempMax.score()).isEqualTo(0.15254135788606932);
        assertThat(tempMax.pValue()).isEqualTo(4.050065259242906E-4);
        assertThat(tempMax.drift()).isTrue();
        assertThat(report.columns().get(5).role()).isEqualTo("identifier");
        assertThat(report.badRows().total()).isEqualTo(2);
        assertThat(report.badRows().rows()).extracting(BadRowsLog.Row::label).containsExactly(
                "bad.csv:62:wind: the row has 4 fields, expected 6 (as in the header): this column and the ones "
                        + "after it are missing",
                "bad.csv:63:precipitation: the row has 1 field, expected 6 (as in the header): this column and the "
                        + "ones after it are missing");
    }

    @Test
    void shouldReadTheValuesOfAVersion1CheckReport() {
        CheckReport check = CheckReport.read(V1Reports.text("check-incident-opened.json"), "check.json");

        assertThat(check.report().datasetDrift()).isTrue();
        assertThat(check.check().model()).isEqualTo("chicago-ridership");
        assertThat(check.check().version()).isEqualTo(1);
        assertThat(check.check().alias()).isEqualTo("production");
        assertThat(check.check().incident()).isEqualTo(new CheckReport.Incident("chicago-ridership-0001",
                "RETRAINING", "HIGH", true, false, false));
        assertThat(check.check().retrain().due()).isTrue();
        assertThat(check.check().retrain().requestedAt()).isEqualTo("2026-12-07T01:39:07.537Z");
        CheckReport resolved = CheckReport.read(V1Reports.text("check-incident-resolved.json"), "check.json");
        assertThat(resolved.check().incident().resolved()).isTrue();
        assertThat(resolved.check().retrain().requestedAt()).isNull();
    }

    @Test
    void shouldReadTheValuesOfAVersion1ValidationReport() {
        ValidationReportDocument report = ReportJson.read(V1Reports.text("validation-binary.json"),
                ValidationReportDocument.TYPE, "validation-binary.json");

        assertThat(report.passed()).isFalse();
        assertThat(report.task()).isEqualTo("binary");
        assertThat(report.model().name()).isEqualTo("pkg");
        assertThat(report.baselineModel()).isNull();
        assertThat(report.gatesPassed()).isEqualTo(33);
        assertThat(report.gatesFailed()).isEqualTo(1);
        assertThat(report.gates()).filteredOn(g -> !g.passed()).extracting(ValidationReportDocument.Gate::name)
                .containsExactly("max log_loss");
        assertThat(report.gates().get(0).bound()).isEqualTo(0.99);
        assertThat(report.gates().get(0).baseline()).isNull();
        assertThat(report.metrics().rows()).isEqualTo(142);
        assertThat(report.metrics().classes()).containsExactly("benign", "malignant");
        assertThat(report.metrics().values()).containsKeys("accuracy", "roc_auc", "log_loss");
        assertThat(report.metrics().confusionMatrix()).hasDimensions(2, 2);
        assertThat(report.drift().columns()).isNotEmpty();

        ValidationReportDocument champion = ReportJson.read(V1Reports.text("validation-regression-champion.json"),
                ValidationReportDocument.TYPE, "champion.json");
        assertThat(champion.task()).isEqualTo("regression");
        assertThat(champion.baselineModel().version()).isEqualTo("1");
        assertThat(champion.baselineMetrics().values()).containsKey("rmse");
        assertThat(champion.metrics().confusionMatrix()).isNull();
    }

    @Test
    void shouldReadVersion1DeploymentResults() {
        DeploymentResult deployed = ReportJson.read(V1Reports.text("deploy.json"), DeploymentResult.TYPE,
                "deploy.json");
        assertThat(deployed.model()).isEqualTo("cancer");
        assertThat(deployed.version()).isEqualTo(1);
        assertThat(deployed.previous()).isNull();
        assertThat(deployed.forced()).isTrue();
        assertThat(deployed.succeeded()).isTrue();
        assertThat(deployed.outcomes()).extracting(DeploymentResult.TargetOutcome::target).containsExactly("registry");
        assertThat(deployed.outcomes().get(0).ok()).isTrue();

        DeploymentResult refused = ReportJson.read(V1Reports.text("deploy-refused.json"), DeploymentResult.TYPE,
                "deploy-refused.json");
        assertThat(refused.version()).isNull();
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.refused()).startsWith("The package pkg is not blessed");
        assertThat(refused.outcomes()).isEmpty();
    }

    @Test
    void shouldReadTheValuesOfAVersion1Incident() {
        IncidentDocument incident = ReportJson.read(V1Reports.text("incident.json"), IncidentDocument.TYPE,
                "incident.json");

        assertThat(incident.id()).isEqualTo("chicago-ridership-0001");
        assertThat(incident.stage()).isEqualTo("RESOLVED");
        assertThat(incident.mitigatedBy()).isEqualTo(2);
        assertThat(incident.findings()).hasSize(1);
        assertThat(incident.findings().get(0).driftedColumns()).hasSize(12).startsWith("Austin");
        assertThat(incident.steps()).extracting(IncidentDocument.Step::stage)
                .containsExactly("OPEN", "RETRAINING", "MITIGATED", "RESOLVED");
    }
}
