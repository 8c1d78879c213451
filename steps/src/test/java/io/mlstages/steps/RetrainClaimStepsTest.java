package io.mlstages.steps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jenkins path of a retrain (the check says a retrain is due, the plugin starts the job): overlapping checks of
 * one model, each with a retrain job, get one "due" between them, because the check records the request in its
 * locked decision; a request whose job did not start is withdrawn. Runs the real {@code mlstages} jar in child JVMs,
 * as the plugin does.
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class RetrainClaimStepsTest {
    private static final Path CLI_JAR = Path.of("../cli/target/mlstages-all.jar");
    private static final Path DATASETS = Path.of("../test-resources/datasets");

    @TempDir
    Path workspace;

    private Process start(final List<String> arguments, final String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(ChildJvm.command(java, ChildJvm.DEFAULT_OPTIONS, CLI_JAR.toAbsolutePath().toString(),
                arguments)).directory(workspace.toFile()).redirectErrorStream(true)
                .redirectOutput(workspace.resolve(name + ".log").toFile()).start();
    }

    private int finish(final Process process, final String name) throws Exception {
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        return process.exitValue();
    }

    private String log(final String name) throws IOException {
        return Files.readString(workspace.resolve(name + ".log"), StandardCharsets.UTF_8);
    }

    private int runNow(final List<String> arguments, final String name) throws Exception {
        return finish(start(arguments, name), name);
    }

    private Map<String, Object> result(final StepSpec step, final Invocation invocation, final int exitCode)
            throws IOException {
        return StepResults.read(step, invocation, exitCode, Files.readString(workspace.resolve(
                invocation.resultFile())), null);
    }

    @Test
    void shouldReportARetrainDueToOneOfFourOverlappingChecksAndWithdrawItWhenNoJobStarted() throws Exception {
        assertThat(CLI_JAR).as("the CLI's shaded jar, built by the cli module before this one").exists();
        Path registry = Files.createDirectories(workspace.resolve("registry"));
        Files.copy(DATASETS.resolve("chicago-ridership-train.csv"), workspace.resolve("train.csv"));
        Files.copy(DATASETS.resolve("chicago-2008.csv"), workspace.resolve("live.csv"));
        assertThat(runNow(List.of("train", "--data=train.csv", "--target=ridership", "--algorithm=linear", "-o",
                "models/v1"), "train")).as(log("train")).isZero();
        assertThat(runNow(List.of("deploy", "--registry=" + registry, "--model=ridership", "--package=models/v1",
                "--force"), "deploy")).as(log("deploy")).isZero();

        StepSpec step = StepCatalog.step(StepCatalog.CHECK_DRIFT);
        List<Invocation> invocations = new ArrayList<>();
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("model", "ridership");
            values.put("current", "live.csv");
            values.put("retrainJob", "retrain-ridership");
            Invocation invocation = Invocation.of(step, values, registry.toString(), ".mlstages/check-" + i);
            assertThat(invocation.arguments()).contains("--claim-retrain");
            invocations.add(invocation);
            running.add(start(invocation.arguments(), "check-" + i));
        }
        List<Map<String, Object>> due = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int code = finish(running.get(i), "check-" + i);
            assertThat(code).as(log("check-" + i)).isEqualTo(1);
            Map<String, Object> result = result(step, invocations.get(i), code);
            if (Boolean.TRUE.equals(result.get("retrainDue"))) {
                due.add(result);
            }
            else {
                assertThat(result.get("retrainRequestedAt")).isNull();
                assertThat((String) result.get("retrainReason")).startsWith("cool-down");
            }
        }
        assertThat(due).hasSize(1);
        String requestedAt = (String) due.get(0).get("retrainRequestedAt");
        assertThat(requestedAt).isNotBlank();
        assertThat(due.get(0)).containsEntry("incidentStage", "RETRAINING");

        // the job did not start: the plugin withdraws the request, and the next check finds the retrain due again
        Invocation withdraw = Invocation.withdrawRetraining(registry.toString(), "ridership-0001", requestedAt,
                ".mlstages/withdraw");
        assertThat(withdraw.arguments().get(withdraw.arguments().size() - 1)).isEqualTo("ridership-0001");
        assertThat(runNow(withdraw.arguments(), "withdraw")).as(log("withdraw")).isZero();
        assertThat(workspace.resolve(withdraw.resultFile())).content().contains("\"OPEN\"");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("model", "ridership");
        values.put("current", "live.csv");
        values.put("retrainJob", "retrain-ridership");
        Invocation again = Invocation.of(step, values, registry.toString(), ".mlstages/check-again");
        int code = runNow(again.arguments(), "check-again");
        assertThat(result(step, again, code)).containsEntry("retrainDue", true);
    }
}
