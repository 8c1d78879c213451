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
        String withMore = DRIFT.replaceFirst("\\{", "{\"regions\": [{\"name\": \"north\", \"drift\": true}],"
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

    @Test
    void shouldWriteAndReadEveryDriftSectionInTheFieldsTheSectionsHaveAlwaysHad() {
        ColumnVerdict column = new ColumnVerdict("age", "numeric", "feature", "ks", 0.31, 0.1, 1e-6, 0.05, true,
                true, 100, 90, 0, 0, false, 0, 0, false, true, null);
        DriftReportDocument report = new DriftReportDocument(1, "ref.csv", "cur.csv", 100, 90, true, 1.0, 0.5, 1,
                List.of(column), null,
                new FalseAlarmFigures("fdr", 0.05, "1/month", 0.01, 1, 1e-6, 1, 1, 0.05, "PT1H", 730.5, 36.5,
                        List.of(new FalseAlarmFigures.Column("housing=rent", "age", 1e-6, 2e-6, true, true))),
                new ConstraintChecks(90, 1, List.of(new ConstraintChecks.Check("age", "min", ">= 18", false, 2,
                        Double.NaN, true, null, List.of(new ConstraintChecks.Example("cur.csv", 7, "-3"))))),
                1, List.of(new SegmentVerdict("housing", null, true, "compared", 40, 30, true, Double.NaN,
                        List.of("age"), List.of(column))),
                new MultivariateVerdict(0.77, 1e-30, 0.55, 0.05, true, 100, 90, 5,
                        List.of(new MultivariateVerdict.Feature("age", 12.5, 1.0)), "age separates"));

        String json = ReportJson.toString(report);
        DriftReportDocument back = ReportJson.read(json, DriftReportDocument.TYPE, "all.json");

        assertThat(json).containsSubsequence("\"columns\"", "\"falseAlarms\"",
                "\"alarmAtDriftedFeatures\" : 1", "\"cadence\" : \"PT1H\"", "\"constraints\"",
                "\"observed\" : null", "\"examples\"", "\"driftedSegments\" : 1", "\"segments\"",
                "\"value\" : null", "\"driftShare\" : null", "\"multivariate\"", "\"note\" : \"age separates\"");
        // the segments' columns are written as they always were: without "significant"
        assertThat(json.split("\"significant\"", -1)).hasSize(3);
        assertThat(ReportJson.toString(back)).isEqualTo(json);
        assertThat(back.segments().get(0).driftShare()).isNaN();
        assertThat(back.constraints().checks().get(0).observed()).isNull();
        assertThat(back.falseAlarms().columns().get(0).segment()).isEqualTo("housing=rent");
        assertThat(back.multivariate().features().get(0).name()).isEqualTo("age");
    }
}
