package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate --incident}, the retrain budget, {@code incident rearm}, {@code deploy} of an unverified version
 * and {@code rollback}, with their exit codes, on linear models of Chicago ridership (fitted on 2005-2007, drifted
 * in 2008).
 */
class IncidentMitigationCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path registry;
    private Path stale;

    @BeforeEach
    void openAnIncident() {
        registry = dir.resolve("registry");
        Path first = dir.resolve("v1");
        Trainer.train(DATA.resolve("chicago-ridership-train.csv"), TrainOptions.of(Algorithm.LINEAR, "ridership"),
                first);
        Registry.open(registry).register("ridership", first, new Actor("tester", null), "first");
        assertThat(CliRun.of("deploy", "--registry", registry.toString(), "--model", "ridership", "--version", "1",
                "--force").exitCode()).isZero();
        CliRun check = CliRun.of("check", "--registry", registry.toString(), "--model", "ridership", "--current",
                DATA.resolve("chicago-2008.csv").toString(), "-q");
        assertThat(check.exitCode()).isEqualTo(1);
        stale = dir.resolve("stale");
        Trainer.train(DATA.resolve("chicago-ridership-train.csv"), TrainOptions.of(Algorithm.LINEAR, "ridership"),
                stale);
    }

    private CliRun validate(final String... extra) {
        String[] base = {"validate", "--model", stale.toString(), "--data",
            DATA.resolve("chicago-ridership-train.csv").toString(), "--registry", registry.toString(),
            "--registry-model", "ridership", "--no-data-gates"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void shouldRefuseAStaleRetrainThenStopRetrainingAfterTheBudgetUntilRearmed() throws IOException {
        CliRun first = validate("--incident", "ridership-0001", "--retrain-budget", "2");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        assertThat(first.out()).contains("coverage of Clark_Lake", "Not blessed",
                "Not verified: incident ridership-0001 stays OPEN; failed verifications 1");

        CliRun second = validate("--incident", "ridership-0001", "--retrain-budget", "2");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.out()).contains("failed verifications 2", "retrain budget spent",
                "mlstages incident rearm ridership-0001");

        CliRun check = CliRun.of("check", "--registry", registry.toString(), "--model", "ridership", "--current",
                DATA.resolve("chicago-2008.csv").toString(), "-q");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("retrain budget spent");
        CliRun trigger = CliRun.of("incident", "retraining", "--registry", registry.toString(), "ridership-0001");
        assertThat(trigger.exitCode()).isEqualTo(2);
        assertThat(trigger.err()).contains("Refused: retrain budget spent");

        CliRun rearm = CliRun.of("incident", "rearm", "--registry", registry.toString(), "ridership-0001",
                "--json");
        assertThat(rearm.exitCode()).as(rearm.err()).isZero();
        JsonNode incident = JSON.readTree(rearm.out());
        assertThat(incident.has("retrainHalted")).isFalse();
        assertThat(incident.has("failedVerifications")).isFalse();
        assertThat(CliRun.of("incident", "retraining", "--registry", registry.toString(), "ridership-0001")
                .exitCode()).isZero();
    }

    @Test
    void shouldSayWhyAForcedDeploymentLeavesTheIncidentOpen() throws IOException {
        CliRun deploy = CliRun.of("deploy", "--registry", registry.toString(), "--model", "ridership", "--package",
                stale.toString(), "--force", "--json");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        JsonNode result = JSON.readTree(deploy.out());
        assertThat(result.path("mitigatedIncident").isNull()).isTrue();
        assertThat(result.path("notMitigated").asText()).contains("not blessed");

        CliRun rollback = CliRun.of("rollback", "--registry", registry.toString(), "--model", "ridership");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("Incident: incident ridership-0001");
        CliRun show = CliRun.of("incident", "show", "--registry", registry.toString(), "ridership-0001");
        assertThat(show.out()).contains("stays", "rolled back from version 2 to version 1");
    }

    @Test
    void shouldRejectBadIncidentOptionsWithExitCode2() {
        CliRun noRegistry = CliRun.of("validate", "--model", stale.toString(), "--data",
                DATA.resolve("chicago-ridership-train.csv").toString(), "--incident", "ridership-0001");
        assertThat(noRegistry.exitCode()).isEqualTo(2);
        assertThat(noRegistry.err()).contains("--incident needs the registry");

        CliRun unknown = validate("--incident", "ridership-0042");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("No incident ridership-0042");

        CliRun labelsAlone = validate("--incident", "ridership-0001", "--incident-labels", "labels.csv");
        assertThat(labelsAlone.exitCode()).isEqualTo(2);
        assertThat(labelsAlone.err()).contains("--incident-labels and --incident-log go together");

        CliRun budget = validate("--incident", "ridership-0001", "--retrain-budget", "0");
        assertThat(budget.exitCode()).isEqualTo(2);

        CliRun rearm = CliRun.of("incident", "rearm", "--registry", registry.toString(), "ridership-0042");
        assertThat(rearm.exitCode()).isEqualTo(2);
    }
}
