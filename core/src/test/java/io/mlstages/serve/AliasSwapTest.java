package io.mlstages.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AliasSwapTest {
    static final String MODEL = "cancer";
    static final String ALIAS = "production";
    static final Actor ACTOR = new Actor("tester", null);

    @TempDir
    static Path models;
    static Path logistic;
    static Path gbt;
    static List<ObjectNode> rows;

    @TempDir
    Path root;

    @BeforeAll
    static void train() throws Exception {
        logistic = Fixtures.train(Algorithm.LOGISTIC, models);
        gbt = Fixtures.train(Algorithm.GBT, models);
        rows = Fixtures.rows("breast-cancer-test.csv");
    }

    @Test
    void shouldSwapVersionsUnderConcurrentLoadWithoutAFailedRequest() throws Exception {
        Registry registry = Registry.open(root);
        registry.register(MODEL, logistic, ACTOR, "v1");
        registry.register(MODEL, gbt, ACTOR, "v2");
        registry.register(MODEL, logistic, ACTOR, "v3");
        registry.promote(MODEL, ALIAS, 1, ACTOR, "first", true);
        ServeOptions options = ServeOptions.ofRegistry(root, MODEL, ALIAS).withPollInterval(Duration.ofMillis(50));
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Server server = Server.start(options, events::add)) {
            assertThat(server.modelVersion()).hasValue(1);
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c;
                loops.add(pool.submit(() -> {
                    HttpClient client = Fixtures.client();
                    int i = offset;
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"),
                                    rows.get(i++ % rows.size()).toString());
                            statuses.computeIfAbsent(response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            HttpClient client = Fixtures.client();
            Thread.sleep(200);
            int[] moves = {2, 3, 2, 1};
            for (int target : moves) {
                registry.promote(MODEL, ALIAS, target, ACTOR, "move to " + target, true);
                awaitVersion(client, server, target);
                // once one response reports the new version, every later one does
                for (int i = 0; i < 20; i++) {
                    assertThat(version(client, server)).isEqualTo(target);
                }
                Thread.sleep(100);
            }
            registry.rollback(MODEL, ALIAS, ACTOR, "back");
            awaitVersion(client, server, 2);
            stop.set(true);
            for (Future<?> loop : loops) {
                loop.get();
            }
            String metrics = Fixtures.get(client, server.uri().resolve("/metrics")).body();
            assertThat(ServerTest.counter(metrics, "mlstages_model_swaps_total")).isEqualTo(moves.length + 1);
            assertThat(metrics).contains("mlstages_model_version{model=\"cancer\"} 2\n");
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures.get()).isZero();
        assertThat(statuses.keySet()).containsExactly(200);
        assertThat(statuses.get(200).get()).isGreaterThan(100);
        assertThat(events).anyMatch(e -> e.contains("version 3") && e.contains("replacing version 2"));
    }

    @Test
    void shouldAnswer503UntilTheAliasPointsToAVersionThenServeIt() throws Exception {
        Registry registry = Registry.open(root);
        registry.register(MODEL, logistic, ACTOR, "v1");
        ServeOptions options = ServeOptions.ofRegistry(root, MODEL, "staging").withPollInterval(Duration.ofMillis(50));
        try (Server server = Server.start(options)) {
            HttpClient client = Fixtures.client();
            assertThat(server.modelVersion()).isEmpty();
            HttpResponse<String> health = Fixtures.get(client, server.uri().resolve("/health"));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(Fixtures.json(health).get("problem").textValue()).contains("staging").contains("no version")
                    .doesNotContain(root.toAbsolutePath().toString()).doesNotContain(root.getFileName().toString());
            HttpResponse<String> predict = Fixtures.post(client, server.uri().resolve("/predict"),
                    rows.get(0).toString());
            assertThat(predict.statusCode()).isEqualTo(503);

            registry.promote(MODEL, "staging", 1, ACTOR, "now", true);
            awaitVersion(client, server, 1);

            HttpResponse<String> healthy = Fixtures.get(client, server.uri().resolve("/health"));
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(Fixtures.json(healthy).get("modelVersion").intValue()).isEqualTo(1);
            assertThat(Fixtures.json(healthy).get("model").textValue()).isEqualTo(MODEL);
        }
    }

    @Test
    void shouldKeepServingTheOldVersionWhenTheNewOneFailsVerification() throws Exception {
        Registry registry = Registry.open(root);
        registry.register(MODEL, logistic, ACTOR, "v1");
        registry.register(MODEL, gbt, ACTOR, "v2");
        registry.promote(MODEL, ALIAS, 1, ACTOR, "first", true);
        Path broken = registry.packagePath(MODEL, 2).resolve("xgboost-model.json");
        assertThat(broken).isRegularFile();
        // the registry verifies on promotion too, so the file is damaged between the promotion and the first poll
        ServeOptions options = ServeOptions.ofRegistry(root, MODEL, ALIAS).withPollInterval(Duration.ofMillis(1500));
        try (Server server = Server.start(options)) {
            HttpClient client = Fixtures.client();
            registry.promote(MODEL, ALIAS, 2, ACTOR, "broken", true);
            Files.writeString(broken, " ", StandardOpenOption.APPEND);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.problem().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(server.problem()).hasValueSatisfying(p -> assertThat(p).contains("xgboost-model.json")
                    .contains("still serving version 1"));
            assertThat(version(client, server)).isEqualTo(1);
            String metrics = Fixtures.get(client, server.uri().resolve("/metrics")).body();
            assertThat(ServerTest.counter(metrics, "mlstages_model_load_failures_total")).isEqualTo(1);
            HttpResponse<String> health = Fixtures.get(client, server.uri().resolve("/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            // the public form names the version, not the file: no path of the server's disk reaches a client
            assertThat(Fixtures.json(health).get("problem").textValue()).contains("version 2 of model cancer")
                    .contains("still serving version 1").doesNotContain(root.toAbsolutePath().toString())
                    .doesNotContain("/");
        }
    }

    private static void awaitVersion(final HttpClient client, final Server server, final int version)
            throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (server.modelVersion().orElse(-1) == version) {
                assertThat(version(client, server)).isEqualTo(version);
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("The server did not switch to version " + version + " within 10 s; it serves "
                + server.modelVersion() + ", problem: " + server.problem());
    }

    private static int version(final HttpClient client, final Server server) throws Exception {
        HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), rows.get(5).toString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Fixtures.json(response);
        return body.get("modelVersion").intValue();
    }
}
