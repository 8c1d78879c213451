package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Metric;
import io.mlstages.metrics.Metrics;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.Scoring;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check --reference-labelled} and {@code --min-estimated} on a churn classifier: trained on one third of the
 * telco customers, calibrated on the second, checked on the third (the same population: no drift).
 */
class EstimateCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void registerAndDeploy() {
        Path pkg = dir.resolve("pkg");
        Trainer.train(DATA.resolve("telco-churn-train.csv"), TrainOptions.of(Algorithm.GBT, "churn"), pkg);
        Registry.open(dir.resolve("registry")).register("churn", pkg, new Actor("tester", null), "first");
        CliRun deploy = CliRun.of("deploy", "--registry", dir.resolve("registry").toString(), "--model", "churn",
                "--version", "1", "--force");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    }

    private CliRun check(final String... extra) {
        String[] base = {"check", "--registry", dir.resolve("registry").toString(), "--model", "churn",
            "--current", DATA.resolve("telco-churn-current.csv").toString(), "-q"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void shouldReportTheEstimateNextToTheDriftWithoutAFindingWhenNoBoundIsSet() throws IOException {
        Path json = dir.resolve("check.json");
        Path html = dir.resolve("check.html");
        CliRun run = check("--reference-labelled", DATA.resolve("telco-churn-calibration.csv").toString(),
                "--json", json.toString(), "--html", html.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Estimated performance without labels (binary, 2347 current rows; "
                + "calibrated on ").contains("2348 labelled rows; 95% band from 200 bootstrap rounds)")
                .containsPattern("accuracy +0\\.\\d{4}  \\[0\\.\\d{4}, 0\\.\\d{4}\\]");
        JsonNode estimate = JSON.readTree(json.toFile()).get("estimate");
        assertThat(estimate.get("task").asText()).isEqualTo("binary");
        assertThat(estimate.get("breached").asBoolean()).isFalse();
        assertThat(estimate.get("metrics")).hasSize(5);
        JsonNode accuracy = estimate.get("metrics").get(0);
        assertThat(accuracy.get("name").asText()).isEqualTo("accuracy");
        // the labels of the current file, which the check did not read, say 0.793: close, just above the band's
        // 0.790 (one draw; the coverage over many windows is EstimationEvaluationTest's)
        double realized = Metrics.evaluate(Scoring.score(ModelPackage.load(dir.resolve("pkg")),
                DATA.resolve("telco-churn-current.csv"), ReadOptions.defaults())).value(Metric.ACCURACY);
        assertThat(accuracy.get("estimate").asDouble()).isCloseTo(realized, org.assertj.core.api.Assertions.within(0.03));
        assertThat(accuracy.get("upper").asDouble() - accuracy.get("lower").asDouble()).isBetween(0.01, 0.06);
        assertThat(Files.readString(html)).contains("<section id=\"estimate\">")
                .contains("Estimated performance without labels");
    }

    @Test
    void shouldOpenAnIncidentWhenAnEstimateFallsBelowItsBound() throws IOException {
        Path junit = dir.resolve("check.xml");
        CliRun run = check("--reference-labelled", DATA.resolve("telco-churn-calibration.csv").toString(),
                "--min-estimated", "accuracy=0.95", "--min-estimated", "roc_auc=0.6", "--junit", junit.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains(">= 0.9500  BELOW").contains(">= 0.6000  ok").contains("Opened incident churn-0001")
                .contains("drifted: none; estimated accuracy 0.");
        String xml = Files.readString(junit);
        assertThat(xml).contains("classname=\"estimate\" name=\"accuracy\"").contains("below bound");
        CliRun incident = CliRun.of("incident", "show", "churn-0001", "--registry",
                dir.resolve("registry").toString(), "--json");
        assertThat(incident.exitCode()).as(incident.err()).isZero();
        JsonNode finding = JSON.readTree(incident.out()).get("findings").get(0);
        assertThat(finding.get("datasetDrift").asBoolean()).isFalse();
        assertThat(finding.get("breaches").get(0).asText()).startsWith("estimated accuracy 0.").endsWith("< 0.95");
        assertThat(finding.get("severity").asText()).isEqualTo("HIGH");
    }

    @Test
    void shouldNarrowTheBandAtALowerLevelAndSayItsLevelAndRounds() throws IOException {
        Path wide = dir.resolve("wide.json");
        Path narrow = dir.resolve("narrow.json");
        String labelled = DATA.resolve("telco-churn-calibration.csv").toString();
        CliRun defaults = check("--reference-labelled", labelled, "--json", wide.toString());
        assertThat(defaults.exitCode()).as(defaults.err()).isZero();
        CliRun run = check("--reference-labelled", labelled, "--estimate-level", "0.8", "--estimate-resamples", "100",
                "--json", narrow.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("80% band from 100 bootstrap rounds)");
        JsonNode estimate = JSON.readTree(narrow.toFile()).get("estimate");
        assertThat(estimate.get("level").asDouble()).isEqualTo(0.8);
        assertThat(estimate.get("resamples").asInt()).isEqualTo(100);
        JsonNode accuracy = estimate.get("metrics").get(0);
        JsonNode wider = JSON.readTree(wide.toFile()).get("estimate").get("metrics").get(0);
        assertThat(JSON.readTree(wide.toFile()).get("estimate").get("level").asDouble()).isEqualTo(0.95);
        assertThat(accuracy.get("estimate").asDouble()).isEqualTo(wider.get("estimate").asDouble());
        assertThat(accuracy.get("upper").asDouble() - accuracy.get("lower").asDouble())
                .isLessThan(wider.get("upper").asDouble() - wider.get("lower").asDouble());
    }

    @Test
    void shouldRefuseBandOptionsWithoutLabelledDataOrOutOfRange() {
        CliRun alone = check("--estimate-level", "0.9");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--estimate-level and --estimate-resamples only apply with "
                + "--reference-labelled FILE");
        CliRun whole = check("--reference-labelled", DATA.resolve("telco-churn-calibration.csv").toString(),
                "--estimate-level", "1");
        assertThat(whole.exitCode()).isEqualTo(2);
        assertThat(whole.err()).contains("--estimate-level").contains("give 0.5 to 0.999");
        CliRun few = check("--reference-labelled", DATA.resolve("telco-churn-calibration.csv").toString(),
                "--estimate-resamples", "5");
        assertThat(few.exitCode()).isEqualTo(2);
        assertThat(few.err()).contains("--estimate-resamples").contains("give 20 to 100000");
    }

    @Test
    void shouldRefuseABoundWithoutLabelledDataOrOnAMetricItDoesNotEstimate() {
        CliRun missing = check("--min-estimated", "accuracy=0.9");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--min-estimated needs --reference-labelled FILE");
        CliRun unknown = check("--reference-labelled", DATA.resolve("telco-churn-calibration.csv").toString(),
                "--min-estimated", "log_loss=0.5");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("log_loss is not estimated for a binary model");
        CliRun malformed = check("--reference-labelled", DATA.resolve("telco-churn-calibration.csv").toString(),
                "--min-estimated", "accuracy");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("--min-estimated accuracy: expected METRIC=VALUE");
    }
}
