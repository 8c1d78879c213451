package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check}, {@code incident} and the mitigation by {@code deploy}, on linear models of Chicago ridership: fitted
 * on 2005-2007, checked against 2008, retrained on 2008.
 */
class IncidentCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set by the surefire configuration in cli/pom.xml. */
    private static final String TOKEN_ENV = "MLSTAGES_TEST_WEBHOOK_TOKEN";

    @TempDir
    Path dir;

    private static String data(final String name) {
        return DATA.resolve(name).toString();
    }

    private Path registry() {
        return dir.resolve("registry");
    }

    private void registerAndDeploy(final String trainData, final int expectedVersion) {
        Path pkg = dir.resolve("pkg-" + trainData);
        Trainer.train(DATA.resolve(trainData), TrainOptions.of(Algorithm.LINEAR, "ridership"), pkg);
        Registry.open(registry()).register("ridership", pkg, new Actor("tester", null), "trained on " + trainData);
        CliRun deploy = CliRun.of("deploy", "--registry", registry().toString(), "--model", "ridership",
                "--version", Integer.toString(expectedVersion), "--force");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        lastDeploy = deploy;
    }

    private CliRun lastDeploy;

    private CliRun check(final String data, final String... extra) {
        String[] base = {"check", "--registry", registry().toString(), "--model", "ridership", "--current",
            data(data), "-q"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private Path script(final Path envFile) throws IOException {
        Path script = dir.resolve("retrain.sh");
        Files.writeString(script, "#!/bin/bash\nenv | grep '^MLSTAGES_' | sort > \"$1\"\necho retraining $MLSTAGES_INCIDENT_ID\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void shouldRunTheRetrainCommandOnceThenHoldTheCoolDownThenResolveAfterTheDeployment() throws IOException {
        registerAndDeploy("chicago-ridership-train.csv", 1);
        Path envFile = dir.resolve("env with space.txt");
        String command = "bash " + script(envFile) + " '" + envFile + "'";
        Path report = dir.resolve("drift.json");

        CliRun clean = check("chicago-ridership-train.csv", "--retrain-command", command);
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("No incident");
        assertThat(envFile).doesNotExist();

        Path page = dir.resolve("drift.html");
        CliRun drift = check("chicago-2008.csv", "--retrain-command", command, "--json", report.toString(),
                "--report-html", page.toString());
        assertThat(drift.exitCode()).as(drift.err()).isEqualTo(1);
        assertThat(drift.out()).contains("Opened incident ridership-0001", "Retrain: ran bash", "RETRAINING");
        assertThat(report).exists();
        assertThat(Files.readString(page)).contains("ridership-0001", "Clark_Lake").doesNotContain("<script");
        List<String> env = Files.readAllLines(envFile);
        assertThat(env).contains("MLSTAGES_MODEL_NAME=ridership", "MLSTAGES_MODEL_VERSION=1",
                "MLSTAGES_INCIDENT_ID=ridership-0001", "MLSTAGES_DRIFT_REPORT=" + page.toAbsolutePath());
        assertThat(env).anyMatch(line -> line.startsWith("MLSTAGES_DRIFTED_COLUMNS=") && line.contains("Clark_Lake"));
        assertThat(env).anyMatch(line -> line.matches("MLSTAGES_SEVERITY=(LOW|MEDIUM|HIGH|CRITICAL)"));

        Files.delete(envFile);
        CliRun again = check("chicago-2008.csv", "--retrain-command", command);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).contains("Updated incident ridership-0001", "cool-down");
        assertThat(envFile).doesNotExist();

        // only a retrain verified against the incident mitigates it
        Path retrained = dir.resolve("pkg-2008");
        Trainer.train(DATA.resolve("chicago-2008.csv"), TrainOptions.of(Algorithm.LINEAR, "ridership"), retrained);
        CliRun validate = CliRun.of("validate", "--model", retrained.toString(), "--data", data("chicago-2008.csv"),
                "--registry", registry().toString(), "--registry-model", "ridership", "--incident", "ridership-0001");
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).contains("Verified: the blessing verifies the mitigation of incident ridership-0001");
        CliRun deploy = CliRun.of("deploy", "--registry", registry().toString(), "--model", "ridership",
                "--package", retrained.toString());
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        assertThat(deploy.out()).contains("Mitigated incident ridership-0001", "mitigated by version 2");

        CliRun resolved = check("chicago-ridership-test.csv");
        assertThat(resolved.exitCode()).as(resolved.out() + resolved.err()).isZero();
        assertThat(resolved.out()).contains("Resolved incident ridership-0001");

        CliRun list = CliRun.of("incident", "list", "--registry", registry().toString(), "--json");
        assertThat(list.exitCode()).isZero();
        JsonNode incidents = JSON.readTree(list.out());
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).path("stage").asText()).isEqualTo("RESOLVED");
        assertThat(incidents.get(0).path("steps")).extracting(s -> s.path("stage").asText())
                .containsExactly("OPEN", "RETRAINING", "RETRAINING", "MITIGATED", "RESOLVED");
        assertThat(incidents.get(0).path("steps")).extracting(s -> s.path("event").asText())
                .containsExactly("detected", "retrain-requested", "verified", "mitigated", "resolved");

        CliRun show = CliRun.of("incident", "show", "--registry", registry().toString(), "ridership-0001");
        assertThat(show.out()).contains("findings:", "steps:", "MITIGATED", "retrain requested");
    }

    @Test
    void shouldSayWhyNoRetrainRanAndResolveByHand() {
        registerAndDeploy("chicago-ridership-train.csv", 1);

        CliRun drift = check("chicago-2008.csv");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.out()).contains("no --retrain-command is given");

        CliRun resolve = CliRun.of("incident", "resolve", "--registry", registry().toString(), "ridership-0001",
                "--message", "known holiday effect");
        assertThat(resolve.exitCode()).as(resolve.err()).isZero();
        assertThat(resolve.out()).contains("Resolved incident ridership-0001", "RESOLVED");

        CliRun twice = CliRun.of("incident", "resolve", "--registry", registry().toString(), "ridership-0001");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("already resolved").doesNotContain("\tat ");

        CliRun unknown = CliRun.of("incident", "show", "--registry", registry().toString(), "ridership-0009");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("ridership-0009");
    }

    @Test
    void shouldPostToTheWebhookWithTheTokenAndNeverPrintIt() throws IOException {
        String token = System.getenv(TOKEN_ENV);
        assertThat(token).as("set by cli/pom.xml's surefire configuration").isNotBlank();
        registerAndDeploy("chicago-ridership-train.csv", 1);
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/incidents";
            CliRun drift = check("chicago-2008.csv", "--webhook", url, "--webhook-token-env", TOKEN_ENV);

            assertThat(drift.exitCode()).as(drift.err()).isEqualTo(1);
            assertThat(drift.out()).contains("webhook: opened sent");
            assertThat(auth).containsExactly("Bearer " + token);
            JsonNode body = JSON.readTree(bodies.get(0));
            assertThat(body.path("event").asText()).isEqualTo("opened");
            assertThat(body.path("incident").path("id").asText()).isEqualTo("ridership-0001");
            assertThat(drift.out() + drift.err()).doesNotContain(token);

            // a finding that only attaches is not worth a message
            CliRun again = check("chicago-2008.csv", "--webhook", url, "--webhook-token-env", TOKEN_ENV);
            assertThat(again.out()).doesNotContain("webhook:");
            assertThat(bodies).hasSize(1);
        }
        finally {
            server.stop(0);
        }
    }

    @Test
    void shouldRefuseAWebhookWithoutItsToken() {
        CliRun run = CliRun.of("check", "--registry", registry().toString(), "--model", "ridership", "--current",
                data("chicago-2008.csv"), "--webhook", "http://127.0.0.1:9/x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--webhook-token-env");
    }

    @Test
    void shouldRefusePerformanceWithoutABoundOrWithLabelsLackingTheIdColumn() throws IOException {
        registerAndDeploy("chicago-ridership-train.csv", 1);
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "request,ridership\nr1,12.5\n");

        CliRun noBound = CliRun.of("performance", "--registry", registry().toString(), "--model", "ridership",
                "--labels", labels.toString(), "--prediction-log", dir.resolve("logs").toString());
        assertThat(noBound.exitCode()).isEqualTo(2);
        assertThat(noBound.err()).contains("--min");

        CliRun noId = CliRun.of("performance", "--registry", registry().toString(), "--model", "ridership",
                "--labels", labels.toString(), "--prediction-log", dir.resolve("logs").toString(), "--max", "rmse=3");
        assertThat(noId.exitCode()).isEqualTo(2);
        assertThat(noId.err()).contains(labels.toString(), "'id'").doesNotContain("\tat ");
    }
}
