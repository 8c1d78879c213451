package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wording of step failures: the step's name once, the engine's exit code and last line when it died, and report
 * links that survive a Jenkins under a context path.
 */
class StepMessagesTest {
    @Test
    void shouldNameTheStepOnceWhateverTheMessageStartsWith() {
        assertThat(StepMessages.forStep("trainModel", "trainModel: the result x.json is not JSON"))
                .isEqualTo("trainModel: the result x.json is not JSON");
        assertThat(StepMessages.forStep("trainModel", "trainModel needs the parameter 'data'"))
                .isEqualTo("trainModel needs the parameter 'data'");
        assertThat(StepMessages.forStep("checkDrift", "checkDrift.alpha must be a number, not 'x'"))
                .isEqualTo("checkDrift.alpha must be a number, not 'x'");
        assertThat(StepMessages.forStep("checkDrift", "no file in the workspace matches current 'live/*.csv'"))
                .isEqualTo("checkDrift: no file in the workspace matches current 'live/*.csv'");
        // a longer name that merely starts with the step's name is not the step's name
        assertThat(StepMessages.forStep("deploy", "deployModel: refused")).isEqualTo("deploy: deployModel: refused");
        assertThat(StepMessages.forStep("trainModel", null)).isEqualTo("trainModel: failed");
    }

    @Test
    void shouldNameTheStepOnceForEveryMessageThatInvocationAndStepResultsThrow() {
        StepSpec train = StepCatalog.step(StepCatalog.TRAIN);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("target", "y");
        values.put("output", "model");
        Throwable missing = org.assertj.core.api.Assertions.catchThrowable(() -> Invocation.of(train, values, null, "w"));
        Invocation invocation = Invocation.of(train, Map.of("data", "d.csv", "target", "y", "output", "m",
                "algorithm", "logistic"), null, "w");
        Throwable notJson = org.assertj.core.api.Assertions.catchThrowable(
                () -> StepResults.read(train, invocation, 0, "{not json", null));

        assertThat(StepMessages.forStep("trainModel", missing.getMessage())).startsWith("trainModel needs")
                .doesNotContain("trainModel: trainModel");
        assertThat(StepMessages.forStep("trainModel", notJson.getMessage())).startsWith("trainModel: the result")
                .doesNotContain("trainModel: trainModel");
    }

    @Test
    void shouldSayTheEngineFailedWithItsExitCodeAndLastLine() {
        assertThat(EngineFailure.describe("drift", 1, "Exception in thread \"main\" java.lang.ExceptionInInitializerError"))
                .isEqualTo("the engine failed: mlstages drift ended with exit code 1 without writing its result: "
                        + "Exception in thread \"main\" java.lang.ExceptionInInitializerError");
        assertThat(EngineFailure.describe("train", 2, "mlstages: data.csv line 3: not a number"))
                .isEqualTo("mlstages train rejected its input (exit code 2): mlstages: data.csv line 3: not a number");
        assertThat(EngineFailure.describe("validate", 3, "mlstages: internal error")).contains("internal error (exit code 3)");
        assertThat(EngineFailure.describe("check", 137, null)).isEqualTo("the engine failed: mlstages check ended with "
                + "exit code 137 without writing its result and printed nothing");
    }

    @Test
    void shouldQuoteTheLastLineOfAnEngineThatDiesBeforeWritingItsResult() throws Exception {
        // a JVM that cannot start (a heap too small to boot) stands for any crash: no result file, an exit code, a line
        Path jar = Path.of("../cli/target/mlstages-all.jar");
        assertThat(jar).as("the CLI's shaded jar, built by the cli module before this one").exists();
        StepSpec check = StepCatalog.step(StepCatalog.CHECK_DRIFT);
        Invocation invocation = Invocation.of(check, Map.of("current", "../test-resources/datasets/chicago-2008.csv",
                "reference", "../test-resources/datasets/chicago-2002.csv"), null, "target/crash");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(ChildJvm.command(javaCommand, List.of("-Xmx1m"),
                jar.toAbsolutePath().toString(), invocation.arguments())).redirectErrorStream(true).start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EngineOutput output = new EngineOutput(log);
        process.getInputStream().transferTo(output);
        int exitCode = process.waitFor();

        String message = StepMessages.forStep("checkDrift",
                EngineFailure.describe(invocation.command(), exitCode, output.lastLine()));

        assertThat(exitCode).isNotZero();
        assertThat(Path.of("target/crash").resolve(invocation.resultFile())).doesNotExist();
        assertThat(output.lastLine()).as(log.toString(StandardCharsets.UTF_8)).isNotBlank();
        assertThat(message).startsWith("checkDrift: the engine failed: mlstages " + invocation.command()
                + " ended with exit code " + exitCode + " without writing its result: ").endsWith(output.lastLine());
    }

    @Test
    void shouldPassEveryByteOnAndRememberTheLastNonBlankLine() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EngineOutput output = new EngineOutput(log);
        String text = "Reading data.csv\r\n\u001B[31mmlstages: data.csv line 3: not a number\u001B[0m\n\n  \n";

        output.write(text.getBytes(StandardCharsets.UTF_8), 0, 20);
        output.write(text.getBytes(StandardCharsets.UTF_8)[20]);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        output.write(bytes, 21, bytes.length - 21);
        output.flush();

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(output.lastLine()).isEqualTo("mlstages: data.csv line 3: not a number");
        output.write("an unfinished line".getBytes(StandardCharsets.UTF_8));
        assertThat(output.lastLine()).isEqualTo("an unfinished line");
        assertThat(new EngineOutput(new ByteArrayOutputStream()).lastLine()).isNull();
    }

    @Test
    void shouldKeepMemoryBoundedAndQuoteOnlyTheStartOfAHugeLine() throws IOException {
        EngineOutput output = new EngineOutput(new ByteArrayOutputStream());
        byte[] huge = "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);

        output.write(huge);
        output.write('\n');

        assertThat(output.lastLine()).hasSize(EngineOutput.MAX_QUOTED).endsWith("\u2026");
    }

    @Test
    void shouldLinkTheReportWithinTheContextPathAndGiveAnAbsoluteUrlOnlyWhenTheRootIsKnown() {
        ReportLink known = ReportLink.of("https://ci.example/jenkins/", "job/drift/5/", "mlstages-drift");
        ReportLink unknown = ReportLink.of(null, "job/folder/job/drift/5/", "mlstages-drift-2");

        assertThat(known.path()).isEqualTo("job/drift/5/mlstages-drift/");
        assertThat(known.consoleHref()).isEqualTo("/job/drift/5/mlstages-drift/");
        assertThat(known.value()).isEqualTo("https://ci.example/jenkins/job/drift/5/mlstages-drift/");
        assertThat(known.consoleText()).isEqualTo(known.value());
        assertThat(known.isAbsolute()).isTrue();
        assertThat(known.parameterDescription()).isNull();

        // no root URL: never "/job/…", which is a 404 under a context path such as /jenkins
        assertThat(unknown.value()).isEqualTo("job/folder/job/drift/5/mlstages-drift-2/").doesNotStartWith("/");
        assertThat(unknown.consoleHref()).isEqualTo("/job/folder/job/drift/5/mlstages-drift-2/");
        assertThat(unknown.isAbsolute()).isFalse();
        assertThat(unknown.parameterDescription()).contains("Relative to the Jenkins root URL", "Jenkins URL");
        assertThat(ReportLink.of("http://localhost:8080", "/job/a/1", "r").value())
                .isEqualTo("http://localhost:8080/job/a/1/r/");
        assertThat(ReportLink.of("  ", "job/a/1/", "r").isAbsolute()).isFalse();
        assertThatThrownBy(() -> new ReportLink("/job/a/1/r/", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldConcernRetrainingOnlyWhenAModelOrARetrainJobIsConfigured() {
        assertThat(RetrainParameters.applies(null, null)).isFalse();
        assertThat(RetrainParameters.applies(" ", "")).isFalse();
        assertThat(RetrainParameters.applies("ridership", null)).isTrue();
        assertThat(RetrainParameters.applies(null, "retrain")).isTrue();
    }
}
