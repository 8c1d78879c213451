package io.mlstages.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.deploy.LoopbackServer.Answer;
import io.mlstages.registry.Actor;
import io.mlstages.registry.ModelVersion;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The http target against a real server on the loopback interface: retries, timeouts, the token's secrecy. */
class HttpTargetTest {
    private static final String TOKEN = "tok-3f9a1c77e2b54d0b9c1e";
    private static final Secret SECRET = Secret.of(TOKEN, "test token");
    /** Short timeouts and waits so that the retries are real but the tests quick. */
    private static final HttpSettings FAST = HttpSettings.defaults().withConnectTimeout(Duration.ofSeconds(2))
            .withRequestTimeout(Duration.ofSeconds(5)).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));

    @TempDir
    static Path shared;
    private static Path blessed;

    @TempDir
    Path dir;
    private Registry registry;
    private DeployRequest request;

    @BeforeAll
    static void train() {
        blessed = DeployFixtures.trainBlessed(shared.resolve("blessed"), 42);
    }

    @BeforeEach
    void register() {
        registry = Registry.open(dir.resolve("registry"));
        registry.register("churn", blessed, new Actor("trainer", null), "trained");
        request = DeployRequest.ofVersion("churn", 1).withActor(new Actor("ci-bot", "https://ci.example/job/7/"))
                .withMessage("ship it");
    }

    private static DeployTarget http(final URI url, final HttpSettings settings) {
        return new DeployTarget.Http(url, SECRET, settings);
    }

    @Test
    void shouldRetryTwo503sThenDeliverTheRequestWithTheBearerToken() throws Exception {
        try (LoopbackServer server = new LoopbackServer(List.of(Answer.of(503, "busy"), Answer.of(503, ""),
                Answer.of(201, "{\"accepted\": true}")))) {
            DeployResult result = Deployer.deploy(registry, request, List.of(http(server.url(), FAST)));

            assertThat(result.succeeded()).isTrue();
            assertThat(result.outcomes().get(0).attempts()).isEqualTo(3);
            assertThat(result.outcomes().get(0).detail()).startsWith("HTTP 201 after 3 attempts");
            assertThat(server.received()).hasSize(3).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
                assertThat(r.contentType()).startsWith("application/json");
            });
            // one deployment, one key: the endpoint can tell a retry from a second deployment
            assertThat(server.received()).extracting(LoopbackServer.Received::idempotencyKey).doesNotContainNull()
                    .containsOnly(server.received().get(0).idempotencyKey());
            JsonNode body = new ObjectMapper().readTree(server.received().get(2).body());
            ModelVersion version = registry.version("churn", 1);
            assertThat(body.path("kind").asText()).isEqualTo("mlstages-deployment");
            assertThat(body.path("action").asText()).isEqualTo("deploy");
            assertThat(body.path("model").asText()).isEqualTo("churn");
            assertThat(body.path("version").asInt()).isEqualTo(1);
            assertThat(body.path("alias").asText()).isEqualTo("production");
            assertThat(body.path("previous").isNull()).isTrue();
            Map<String, String> files = new java.util.TreeMap<>();
            body.path("files").forEach(f -> files.put(f.path("path").asText(), f.path("sha256").asText()));
            assertThat(files).isEqualTo(version.files()).containsKeys("model.json", "blessing.json");
            double accuracy = registry.load("churn", 1).metadata().metrics().get("holdout").get("accuracy");
            assertThat(body.path("metrics").path("holdout").path("accuracy").asDouble()).isEqualTo(accuracy);
            assertThat(body.path("blessed").asBoolean()).isTrue();
            assertThat(body.path("blessing").path("kind").asText()).isEqualTo("mlstages-blessing");
            assertThat(body.path("actor").path("user").asText()).isEqualTo("ci-bot");
            assertThat(body.path("actor").path("buildUrl").asText()).isEqualTo("https://ci.example/job/7/");
            assertThat(body.path("message").asText()).isEqualTo("ship it");
            assertThat(registry.alias("churn", "production")).contains(1);
        }
    }

    @Test
    void shouldNotRetryA401AndQuoteTheBodyWithTheTokenMasked() throws Exception {
        try (LoopbackServer server = new LoopbackServer(List.of(Answer.of(401, "token " + TOKEN + " is revoked")))) {
            DeployException e = catchThrowableOfType(DeployException.class,
                    () -> Deployer.deploy(registry, request, List.of(http(server.url(), FAST))));

            assertThat(server.received()).hasSize(1);
            assertThat(e.getMessage()).contains("answered HTTP 401: token **** is revoked").contains("not retried")
                    .contains("after 1 attempt").contains("The alias 'production' was not moved");
            assertNoToken(e);
            assertThat(registry.alias("churn", "production")).isEmpty();
        }
    }

    @Test
    void shouldGiveUpOnAnEndpointThatNeverAnswersAfterItsTimeouts() throws Exception {
        HttpSettings settings = FAST.withRequestTimeout(Duration.ofMillis(300)).withAttempts(2);
        try (LoopbackServer server = new LoopbackServer(List.of(new Answer(0, Map.of(), "")))) {
            long start = System.nanoTime();
            DeployException e = catchThrowableOfType(DeployException.class,
                    () -> Deployer.deploy(registry, request, List.of(http(server.url(), settings))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(server.received()).hasSize(2);
            assertThat(e.getMessage()).contains("failed after 2 attempts").contains("timed out")
                    .contains("request timeout 300 ms");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofSeconds(10));
            assertThat(e.result().orElseThrow().outcomes().get(0).attempts()).isEqualTo(2);
            assertNoToken(e);
        }
    }

    @Test
    void shouldWaitAsLongAsRetryAfterAsks() throws Exception {
        try (LoopbackServer server = new LoopbackServer(List.of(
                new Answer(429, Map.of("Retry-After", "1"), "slow down"),
                Answer.of(200, "")))) {
            DeployResult result = Deployer.deploy(registry, request, List.of(http(server.url(), FAST)));

            assertThat(result.succeeded()).isTrue();
            List<LoopbackServer.Received> received = server.received();
            assertThat(received).hasSize(2);
            // the computed backoff would be 20 ms at most; the server asked for a second
            assertThat(Duration.ofNanos(received.get(1).atNanos() - received.get(0).atNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void shouldStopWhenRetryAfterAsksForMoreThanTheLimit() throws Exception {
        try (LoopbackServer server = new LoopbackServer(List.of(new Answer(503, Map.of("Retry-After", "3600"),
                "maintenance")))) {
            DeployException e = catchThrowableOfType(DeployException.class,
                    () -> Deployer.deploy(registry, request, List.of(http(server.url(), FAST))));

            assertThat(server.received()).hasSize(1);
            assertThat(e.getMessage()).contains("HTTP 503: maintenance").contains("retry after 3600 s")
                    .contains("120 s limit");
        }
    }

    @Test
    void shouldQuoteOnlyTheStartOfALargeErrorBodyOnOneLine() throws Exception {
        String body = "line one\nline two " + "x".repeat(2_000_000);
        try (LoopbackServer server = new LoopbackServer(List.of(Answer.of(400, body)))) {
            DeployException e = catchThrowableOfType(DeployException.class,
                    () -> Deployer.deploy(registry, request, List.of(http(server.url(), FAST))));

            assertThat(e.getMessage()).contains("HTTP 400: line one line two xxx")
                    .contains("x".repeat(180) + "... (not retried").doesNotContain("x".repeat(201));
        }
    }

    @Test
    void shouldRetryARefusedConnection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        DeployException e = catchThrowableOfType(DeployException.class, () -> Deployer.deploy(registry, request,
                List.of(http(URI.create("http://127.0.0.1:" + port + "/deploy"), FAST.withAttempts(3)))));

        assertThat(e.getMessage()).contains("failed after 3 attempts").contains("connection failed");
        assertThat(e.result().orElseThrow().outcomes().get(0).attempts()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheTokenOutOfOutputLogsAndEveryRendering() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(final LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        DeployTarget target;
        DeployException failure;
        try (LoopbackServer server = new LoopbackServer(List.of(Answer.of(500, "echo Bearer " + TOKEN),
                Answer.of(403, TOKEN)))) {
            PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            target = http(server.url(), FAST);
            failure = catchThrowableOfType(DeployException.class,
                    () -> Deployer.deploy(registry, request, List.of(target)));
            assertThat(server.received()).extracting(LoopbackServer.Received::authorization)
                    .containsOnly("Bearer " + TOKEN);
        }
        finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(handler);
            root.setLevel(level);
        }

        assertThat(failure.getMessage()).contains("HTTP 403: ****");
        assertNoToken(failure);
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        assertThat(String.join("\n", logged)).doesNotContain(TOKEN);
        assertThat(target.toString()).contains("****").doesNotContain(TOKEN);
        assertThat(SECRET.toString()).isEqualTo("****");
        assertThat(failure.result().orElseThrow().summary()).doesNotContain(TOKEN);
        assertThat(failure.result().orElseThrow().toString()).doesNotContain(TOKEN);
    }

    /** The token appears nowhere in the exception: message, causes, stack trace, result. */
    private static void assertNoToken(final Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(TOKEN);
        if (e instanceof DeployException deploy && deploy.result().isPresent()) {
            assertThat(deploy.result().get().summary()).doesNotContain(TOKEN);
            assertThat(deploy.result().get().toString()).doesNotContain(TOKEN);
        }
    }
}
