package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate --incident}, the retrain budget, {@code incident rearm}, {@code deploy} of an unverified version
 * and {@code rollback}, with their exit codes, on linear models of Chicago ridership (fitted on 2005-2007, drifted
 * in 2008).
 */
class IncidentMitigationCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set by the surefire configuration in cli/pom.xml. */
    private static final String TOKEN_ENV = "MLSTAGES_TEST_WEBHOOK_TOKEN";

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

    /**
     * The validation that spends the retrain budget tells the webhook, as a drifted check of a halted incident does:
     * the same {@code halted} event, the same payload fields, the bearer token from the environment and never in the
     * output. The validation before it and the one after it post nothing.
     */
    @Test
    void shouldPostTheHaltedEventWhenAValidationSpendsTheRetrainBudget() throws IOException {
        List<String> auth = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
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
            String[] hook = {"--incident", "ridership-0001", "--retrain-budget", "2", "--webhook", url,
                "--webhook-token-env", TOKEN_ENV};
            CliRun first = validate(hook);
            assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
            assertThat(first.out() + first.err()).doesNotContain("webhook:");
            assertThat(bodies).isEmpty();

            CliRun second = validate(hook);
            assertThat(second.exitCode()).as(second.err()).isEqualTo(1);
            assertThat(second.out()).contains("retrain budget spent", "webhook: halted sent: ");
            assertThat(bodies).hasSize(1);
            assertThat(auth).containsExactly("Bearer " + System.getenv(TOKEN_ENV));
            JsonNode halted = JSON.readTree(bodies.get(0));
            assertThat(halted.path("kind").asText()).isEqualTo("mlstages-incident-event");
            assertThat(halted.path("event").asText()).isEqualTo("halted");
            assertThat(halted.path("text").asText()).startsWith("ridership version 1: incident ridership-0001 ")
                    .contains("retrain budget spent");
            JsonNode incident = halted.path("incident");
            assertThat(incident.path("id").asText()).isEqualTo("ridership-0001");
            assertThat(incident.path("failedVerifications").asInt()).isEqualTo(2);
            assertThat(incident.path("retrainHalted").asBoolean()).isTrue();
            assertThat(incident.path("retrainHaltedReason").asText()).contains("retrain budget spent");
            assertThat(incident.path("severity").asText()).isEqualTo("CRITICAL");

            CliRun third = validate(hook);
            assertThat(third.exitCode()).isEqualTo(1);
            assertThat(third.out()).doesNotContain("webhook:");
            assertThat(bodies).hasSize(1);

            // a drifted check of the halted incident sends its halted event: the same fields
            CliRun check = CliRun.of("check", "--registry", registry.toString(), "--model", "ridership", "--current",
                    DATA.resolve("chicago-2008.csv").toString(), "-q", "--webhook", url, "--webhook-token-env",
                    TOKEN_ENV);
            assertThat(check.out()).contains("webhook: halted sent");
            assertThat(bodies).hasSize(2);
            JsonNode fromCheck = JSON.readTree(bodies.get(1));
            assertThat(fromCheck.path("event").asText()).isEqualTo("halted");
            assertThat(fields(halted)).isEqualTo(fields(fromCheck));
            assertThat(fields(halted.path("incident"))).isEqualTo(fields(fromCheck.path("incident")));
            for (CliRun run : List.of(first, second, third, check)) {
                assertThat(run.out() + run.err()).doesNotContain(System.getenv(TOKEN_ENV));
            }
        }
        finally {
            server.stop(0);
        }
    }

    private static List<String> fields(final JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
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

        CliRun hookAlone = validate("--webhook", "http://127.0.0.1:9/hook", "--webhook-token-env", TOKEN_ENV);
        assertThat(hookAlone.exitCode()).isEqualTo(2);
        assertThat(hookAlone.err()).contains("--webhook and --webhook-token-env need --incident ID");
        CliRun noToken = validate("--incident", "ridership-0001", "--webhook", "http://127.0.0.1:9/hook");
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("Give --webhook and --webhook-token-env together");
        CliRun badUrl = validate("--incident", "ridership-0001", "--webhook", "ftp://127.0.0.1/hook",
                "--webhook-token-env", TOKEN_ENV);
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("webhook URL");

        CliRun sinceAlone = validate("--incident", "ridership-0001", "--incident-since", "2008-01-01");
        assertThat(sinceAlone.exitCode()).isEqualTo(2);
        assertThat(sinceAlone.err()).contains("--incident-since bounds the labelled incident window");
        CliRun badSince = validate("--incident", "ridership-0001", "--incident-labels", "labels.csv",
                "--incident-log", "log", "--incident-since", "last tuesday");
        assertThat(badSince.exitCode()).isEqualTo(2);
        assertThat(badSince.err()).contains("--incident-since 'last tuesday' is not a time");

        CliRun budget = validate("--incident", "ridership-0001", "--retrain-budget", "0");
        assertThat(budget.exitCode()).isEqualTo(2);

        CliRun rearm = CliRun.of("incident", "rearm", "--registry", registry.toString(), "ridership-0042");
        assertThat(rearm.exitCode()).isEqualTo(2);
    }
}
