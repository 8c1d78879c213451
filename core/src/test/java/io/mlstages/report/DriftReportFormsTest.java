package io.mlstages.report;

import io.mlstages.MlStagesException;
import io.mlstages.data.ColumnType;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftMethod;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON, JUnit XML and text forms of a drift report keep every figure and escape data. */
class DriftReportFormsTest {
    private static final String HOSTILE = "<script>alert(1)</script>&\"'\u0007";

    private static DriftReport report() {
        return new DriftReport(DriftReport.SCHEMA_VERSION, "ref.csv", "cur.csv", 1000, 900, true, 0.5, 0.5,
                List.of(new ColumnDrift("age", ColumnType.NUMERIC, Role.FEATURE, DriftMethod.WASSERSTEIN, 0.42,
                                0.1, 1.5e-30, 0.05, true, 1000, 890, 0.0, 0.011, false, false, null),
                        new ColumnDrift(HOSTILE, ColumnType.CATEGORICAL, Role.FEATURE, DriftMethod.CHI_SQUARE,
                                0.02, 0.1, 0.4, 0.05, false, 1000, 900, 0.0, 0.0, false, true, "not significant"),
                        new ColumnDrift("label", ColumnType.BOOLEAN, Role.TARGET, DriftMethod.L_INFINITY,
                                Double.NaN, 0.1, null, 0.05, false, 0, 0, 1.0, 1.0, false, true,
                                "every value is missing")));
    }

    @Test
    void shouldRoundTripEveryFieldThroughJson(@TempDir final Path dir) {
        Path file = dir.resolve("out/report.json");
        DriftReportJson.write(report(), file);

        DriftReport read = DriftReportJson.read(file);

        assertThat(read).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .isEqualTo(report());
    }

    @Test
    void shouldWriteTheContractFieldNamesAndNullForNonFiniteNumbers() {
        String json = DriftReportJson.toString(report());

        assertThat(json).contains("\"schemaVersion\" : 1", "\"datasetDrift\" : true", "\"driftShare\" : 0.5",
                "\"pValue\" : null", "\"score\" : null", "\"referenceMissingRate\"", "\"currentMissingRate\"");
    }

    @Test
    void shouldRefuseAFileThatIsNotADriftReport(@TempDir final Path dir) throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"kind\": \"something-else\"}");

        assertThatThrownBy(() -> DriftReportJson.read(file)).isInstanceOf(MlStagesException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a drift report");
    }

    @Test
    void shouldRefuseAReportFromANewerVersion(@TempDir final Path dir) throws Exception {
        Path file = dir.resolve("newer.json");
        Files.writeString(file, "{\"kind\": \"mlstages-drift-report\", \"schemaVersion\": 99}");

        assertThatThrownBy(() -> DriftReportJson.read(file)).hasMessageContaining("version 99")
                .hasMessageContaining("reads version 1");
    }

    @Test
    void shouldWriteOneTestCasePerColumnAndAFailureForEachDriftedOne() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
                new ByteArrayInputStream(DriftJUnit.toXml(report()).getBytes(StandardCharsets.UTF_8)));

        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element age = (Element) cases.item(0);
        assertThat(age.getAttribute("name")).isEqualTo("age");
        assertThat(age.getAttribute("classname")).isEqualTo("drift.feature");
        assertThat(age.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(((Element) age.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .contains("wasserstein 0.4200 >= 0.1000");
        Element hostile = (Element) cases.item(1);
        assertThat(hostile.getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) cases.item(2)).getAttribute("classname")).isEqualTo("drift.target");
    }

    @Test
    void shouldKeepAHostileColumnNameAsDataInXml() {
        String xml = DriftJUnit.toXml(report());

        assertThat(xml).doesNotContain("<script>", "\u0007")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;", "\ufffd");
    }

    @Test
    void shouldPrintAVerdictLineAndOneRowPerColumnWithoutControlCharacters() {
        String text = DriftTable.toText(report());

        assertThat(text).startsWith("DATASET DRIFT: 1 of 2 feature columns drifted (share 0.5000");
        assertThat(text.lines().filter(l -> l.startsWith("age ")).findFirst()).get().asString()
                .contains("wasserstein*", "0.4200", "DRIFT");
        assertThat(text).doesNotContain("\u0007").contains("<script>alert(1)</script>&\"'?");
        assertThat(text).contains("computed from quantile sketches");
    }
}
