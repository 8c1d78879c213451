package io.mlstages.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.data.DataReader;
import io.mlstages.metrics.Task;
import io.mlstages.metrics.Evaluation;
import io.mlstages.validate.Gate;
import io.mlstages.validate.Gates;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.ValidationInput;
import io.mlstages.validate.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON and JUnit XML forms of a validation report parse and say what the report says. */
class ValidationReportFormsTest {
    @TempDir
    Path dir;

    private static ValidationReport report() {
        Evaluation candidate = new Evaluation(Task.BINARY, 200, List.of("no", "yes\u0001"),
                Map.of("accuracy", 0.91, "roc_auc", Double.NaN, "log_loss", 0.25),
                new long[][] {{100, 8}, {10, 82}}, List.of("roc_auc is undefined: the true values hold only class 'no'"));
        Evaluation baseline = new Evaluation(Task.BINARY, 200, List.of("no", "yes\u0001"),
                Map.of("accuracy", 0.93, "roc_auc", 0.8, "log_loss", 0.2),
                new long[][] {{101, 7}, {7, 85}}, List.of());
        ValidationInput input = ValidationInput.of(new ModelIdentity("churn <v2>", "7", null, "models/churn"),
                candidate, "eval & test.csv", "ab".repeat(32)).withBaseline(ModelIdentity.named("churn v1"), baseline);
        return Gates.check(input, List.of(Gate.parseMin("accuracy=0.9"), Gate.parseMaxRegression("accuracy=0.01"),
                Gate.parseMin("roc_auc=0.7")));
    }

    @Test
    void shouldWriteJsonThatParsesWithEveryGateAndBothEvaluations() throws Exception {
        ValidationReport report = report();
        Path file = dir.resolve("validation.json");

        String sha = ValidationReportJson.write(report, file);

        assertThat(sha).isEqualTo(DataReader.sha256(file)).isEqualTo(ValidationReportJson.sha256(report));
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.path("kind").asText()).isEqualTo("mlstages-validation-report");
        assertThat(root.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.path("passed").asBoolean()).isFalse();
        assertThat(root.path("task").asText()).isEqualTo("binary");
        assertThat(root.path("model").path("name").asText()).isEqualTo("churn <v2>");
        assertThat(root.path("baselineModel").path("name").asText()).isEqualTo("churn v1");
        assertThat(root.path("dataSha256").asText()).isEqualTo("ab".repeat(32));
        assertThat(root.path("gatesPassed").asInt()).isEqualTo(1);
        assertThat(root.path("gatesFailed").asInt()).isEqualTo(2);
        JsonNode gates = root.path("gates");
        assertThat(gates).hasSize(3);
        assertThat(gates.get(1).path("name").asText()).isEqualTo("accuracy vs baseline");
        assertThat(gates.get(1).path("kind").asText()).isEqualTo("baseline");
        assertThat(gates.get(1).path("baseline").asDouble()).isEqualTo(0.93);
        assertThat(gates.get(1).path("passed").asBoolean()).isFalse();
        assertThat(gates.get(2).path("value").isNull()).isTrue(); // an undefined AUC is null, not NaN
        assertThat(root.path("metrics").path("values").path("accuracy").asDouble()).isEqualTo(0.91);
        assertThat(root.path("metrics").path("confusionMatrix").get(1).get(0).asLong()).isEqualTo(10);
        assertThat(root.path("baselineMetrics").path("values").path("roc_auc").asDouble()).isEqualTo(0.8);
        assertThat(root.path("drift").isNull()).isTrue();
    }

    @Test
    void shouldWriteOneJUnitTestCasePerGateWithFailuresWhereGatesFailed() throws Exception {
        ValidationReport report = report();
        Path file = dir.resolve("validation.xml");

        ValidationJUnit.write(report, file);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element bound = (Element) cases.item(0);
        assertThat(bound.getAttribute("classname")).isEqualTo("validation.metric");
        assertThat(bound.getAttribute("name")).isEqualTo("min accuracy");
        assertThat(bound.getElementsByTagName("failure").getLength()).isZero();
        Element baseline = (Element) cases.item(1);
        assertThat(baseline.getAttribute("classname")).isEqualTo("validation.baseline");
        Element failure = (Element) baseline.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("worse by 0.02");
        assertThat(((Element) cases.item(2)).getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(Files.readString(file)).contains("churn &lt;v2&gt;").contains("eval &amp; test.csv");
    }

    @Test
    void shouldPrintAVerdictAGateTableAndTheFailuresAsText() {
        String text = ValidationTable.toText(report());

        assertThat(text).startsWith("FAILED: 1 of 3 gates passed\nmodel:    churn <v2> 7\nbaseline: churn v1\n");
        assertThat(text).contains("metrics: accuracy=0.9100 roc_auc=- log_loss=0.2500");
        assertThat(text).contains("FAIL accuracy vs baseline: accuracy 0.91 vs baseline 0.93: worse by 0.02");
        assertThat(text).contains("note: roc_auc is undefined");
        assertThat(text.lines().filter(l -> l.startsWith("min accuracy")).findFirst().orElseThrow()).endsWith("ok");
    }

    @Test
    void shouldReadBackTheReportItWrote() throws Exception {
        ValidationReport report = report();
        Path file = dir.resolve("validation.json");
        ValidationReportJson.write(report, file);

        assertThat(ValidationReportJson.read(file)).isEqualTo(report);
    }

    @Test
    void shouldNameTheFileAndFieldOfAMalformedReport() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"kind\": \"mlstages-validation-report\", \"schemaVersion\": 1, \"task\": \"binary\"}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValidationReportJson.read(file))
                .hasMessageContaining("broken.json").hasMessageContaining("\"data\"");
        Files.writeString(file, "{\"kind\": \"mlstages-drift-report\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValidationReportJson.read(file))
                .hasMessageContaining("not a validation report");
    }
}
