package io.mlstages.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codec's rules: versions, kinds, unknown fields, untrusted input, numbers JSON cannot carry. */
class ReportJsonTest {
    private static final String DRIFT = V1Reports.text("drift-chicago.json");

    @Test
    void shouldRefuseANewerSchemaVersionNamingTheFile() {
        String newer = DRIFT.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");

        assertThatThrownBy(() -> ReportJson.read(newer, DriftReportDocument.TYPE, "reports/drift.json"))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("reports/drift.json")
                .hasMessageContaining("drift report schema version 2 is not supported; this build reads version 1")
                .hasMessageContaining("newer ML Stages");
        assertThatThrownBy(() -> ReportJson.read(DRIFT.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 0"),
                DriftReportDocument.TYPE, "old.json")).hasMessageContaining("old.json").hasMessageContaining("version 0");
        assertThatThrownBy(() -> ReportJson.read(DRIFT.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : \"1\""),
                DriftReportDocument.TYPE, "text.json")).hasMessageContaining("version \"1\"");
    }

    @Test
    void shouldTolerateFieldsItDoesNotKnow() {
        String withMore = DRIFT.replaceFirst("\\{", "{\"segments\": [{\"name\": \"north\", \"drift\": true}],"
                + " \"futureFlag\": 7,").replaceFirst("\"name\" : \"ridership\",",
                "\"name\" : \"ridership\", \"sidecar\": {\"x\": [1, 2]},");

        DriftReportDocument read = ReportJson.read(withMore, DriftReportDocument.TYPE, "newer-minor.json");

        assertThat(read).isEqualTo(ReportJson.read(DRIFT, DriftReportDocument.TYPE, "v1.json"));
    }

    @Test
    void shouldNameTheFileWhenItIsNotJsonOrNotOfTheKind() {
        assertThatThrownBy(() -> ReportJson.read("{\"kind\":", DriftReportDocument.TYPE, "reports/y.json"))
                .hasMessageContaining("reports/y.json").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ReportJson.read("[1, 2]", DriftReportDocument.TYPE, "reports/a.json"))
                .hasMessageContaining("reports/a.json").hasMessageContaining("not a drift report");
        assertThatThrownBy(() -> ReportJson.read(DRIFT, ValidationReportDocument.TYPE, "reports/x.json"))
                .hasMessageContaining("reports/x.json")
                .hasMessageContaining("not a validation report (no \"kind\": \"mlstages-validation-report\")");
        assertThatThrownBy(() -> ReportJson.read((String) null, DriftReportDocument.TYPE, "none.json"))
                .hasMessageContaining("none.json");
    }

    @Test
    void shouldNameTheFieldOfAMalformedDocument() {
        assertThatThrownBy(() -> ReportJson.read("{\"kind\":\"mlstages-drift-report\",\"datasetDrift\":true}",
                DriftReportDocument.TYPE, "z.json")).hasMessageContaining("z.json").hasMessageContaining("\"columns\"");
        assertThatThrownBy(() -> ReportJson.read(DRIFT.replace("\"datasetDrift\" : true", "\"datasetDrift\" : \"yes\""),
                DriftReportDocument.TYPE, "d.json")).hasMessageContaining("\"datasetDrift\"");
        assertThatThrownBy(() -> ReportJson.read(DRIFT.replaceFirst("\"name\" : \"Austin\",", ""),
                DriftReportDocument.TYPE, "c.json")).hasMessageContaining("\"columns[1].name\"");
        assertThatThrownBy(() -> ReportJson.read(DRIFT.replaceFirst("\"reference\" : \"[^\"]*\"", "\"reference\" : 3"),
                DriftReportDocument.TYPE, "r.json")).as("a number is not text").hasMessageContaining("\"reference\"");
        assertThatThrownBy(() -> ReportJson.read(DRIFT.replaceFirst("\"score\" : [0-9.E-]+", "\"score\" : \"high\""),
                DriftReportDocument.TYPE, "s.json")).hasMessageContaining("\"columns[0].score\"");
    }

    @Test
    void shouldNeverBuildTypesNamedByTheInput() {
        // what polymorphic typing would act on: a class name where a value or an object belongs
        String typed = DRIFT.replaceFirst("\"reference\" : \"[^\"]*\"",
                "\"reference\" : [\"java.lang.ProcessBuilder\", {\"command\": [\"touch\", \"/tmp/owned\"]}]");
        assertThatThrownBy(() -> ReportJson.read(typed, DriftReportDocument.TYPE, "typed.json"))
                .isInstanceOf(ReportFormatException.class).hasMessageContaining("\"reference\"");

        String tagged = DRIFT.replaceFirst("\\{", "{\"@class\": \"java.net.URL\", \"badRows\": "
                + "{\"@class\": \"java.util.HashMap\", \"total\": 1, \"rows\": []},");
        DriftReportDocument read = ReportJson.read(tagged, DriftReportDocument.TYPE, "tagged.json");
        assertThat(read.badRows()).isEqualTo(new BadRowsLog(1, List.of()));
    }

    @Test
    void shouldWriteNumbersJsonCannotCarryAsNullAndReadThemAsNaN() {
        ColumnVerdict column = new ColumnVerdict("x", "numeric", "feature", "ks", Double.NaN,
                Double.POSITIVE_INFINITY, Double.NaN, 0.05, false, false, 0, 0, 0, 0, false, Double.NaN,
                Double.NEGATIVE_INFINITY, false, true, null);
        DriftReportDocument report = new DriftReportDocument(1, "a", "b", 0, 0, false, Double.NaN, 0.5, 0,
                List.of(column), null, null, null, null, null, null);

        String json = ReportJson.toString(report);

        assertThat(json).contains("\"score\" : null", "\"threshold\" : null", "\"pValue\" : null",
                "\"driftShare\" : null", "\"currentNonFiniteRate\" : null", "\"note\" : null")
                .doesNotContain("NaN", "Infinity", "badRows", "falseAlarms", "constraints", "segments",
                        "multivariate");
        ColumnVerdict back = ReportJson.read(json, DriftReportDocument.TYPE, "nan.json").columns().get(0);
        assertThat(back.score()).isNaN();
        assertThat(back.threshold()).isNaN();
        assertThat(back.pValue()).as("a nullable number stays null").isNull();
        assertThat(back.currentNonFiniteRate()).isNaN();
    }

    @Test
    void shouldReadAnAbsentNumberAsNaNAndAnAbsentSectionAsNull() {
        String old = DRIFT.replaceAll("\"referenceNonFiniteRate\" : [0-9.E-]+,", "");

        DriftReportDocument read = ReportJson.read(old, DriftReportDocument.TYPE, "old.json");

        assertThat(read.columns()).allSatisfy(c -> assertThat(c.referenceNonFiniteRate()).isNaN());
        assertThat(read.badRows()).isNull();
    }

    @Test
    void shouldReadTheNonFiniteNumbersOlderIncidentFilesHoldAsText() {
        String incident = V1Reports.text("incident.json");

        IncidentDocument nan = ReportJson.read(incident.replace("\"driftShare\" : 0.5789473684210527",
                "\"driftShare\" : \"NaN\""), IncidentDocument.TYPE, "nan.json");
        IncidentDocument infinite = ReportJson.read(incident.replace("\"driftShare\" : 0.5789473684210527",
                "\"driftShare\" : \"-Infinity\""), IncidentDocument.TYPE, "inf.json");

        assertThat(nan.findings().get(0).driftShare()).isNaN();
        assertThat(infinite.findings().get(0).driftShare()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> ReportJson.read(incident.replace("\"driftShare\" : 0.5789473684210527",
                "\"driftShare\" : \"much\""), IncidentDocument.TYPE, "much.json"))
                .hasMessageContaining("much.json").hasMessageContaining("\"findings[0].driftShare\"");
        assertThat(ReportJson.nonFinite("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ReportJson.nonFinite("nan")).as("only the names Jackson writes").isNull();
    }
}
