package io.mlstages.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.mlstages.metrics.Metric;
import io.mlstages.registry.Registry;
import io.mlstages.serve.ServeOptions;
import io.mlstages.serve.Server;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.mlstages.incident.ChicagoModel.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Live performance on real traffic: breast-cancer test rows sent to the real server with an {@code _id}, the labels
 * joined to its prediction log. Version 1 uses every feature, version 2 only {@code mean_symmetry} (weak).
 */
class LivePerformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "cancer";

    @TempDir
    Path dir;

    private int register(final Registry registry, final String name, final TrainOptions options) {
        Path pkg = dir.resolve(name);
        Trainer.train(ChicagoModel.dataset("breast-cancer-train.csv"), options, pkg);
        return registry.register(MODEL, pkg, ACTOR, name).version();
    }

    /** Sends every test row with its line number as {@code _id}; writes the labels file; returns the rows sent. */
    private int serveTestRows(final Registry registry, final Path logs, final Path labels) throws Exception {
        StringBuilder labelText = new StringBuilder("id,diagnosis\n");
        int sent = 0;
        HttpClient client = HttpClient.newHttpClient();
        // the server refuses fields that are not features: send the served version's inputs only
        List<String> inputs = registry.load(MODEL, registry.alias(MODEL, "production").orElseThrow()).inputNames();
        try (Server server = Server.start(ServeOptions.ofRegistry(registry.root(), MODEL, "production")
                .withLogDir(logs));
             CsvReader<NamedCsvRecord> rows = CsvReader.builder()
                     .ofNamedCsvRecord(ChicagoModel.dataset("breast-cancer-test.csv"))) {
            URI predict = server.uri().resolve("/predict");
            for (NamedCsvRecord row : rows) {
                ObjectNode body = JSON.createObjectNode();
                String id = "r" + row.getStartingLineNumber();
                body.put("_id", id);
                row.getFieldsAsMap().forEach((name, value) -> {
                    if (inputs.contains(name)) {
                        body.put(name, Double.parseDouble(value));
                    }
                });
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(predict)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                labelText.append(id).append(',').append(row.getField("diagnosis")).append('\n');
                sent++;
            }
        }
        Files.writeString(labels, labelText);
        return sent;
    }

    @Test
    void shouldRollBackWhenLiveAccuracyFallsBelowTheGate() throws Exception {
        Registry registry = Registry.open(dir.resolve("registry"));
        int strong = register(registry, "strong", TrainOptions.of(Algorithm.LOGISTIC, "diagnosis"));
        int weak = register(registry, "weak", TrainOptions.of(Algorithm.LOGISTIC, "diagnosis")
                .withFeatures(List.of("mean_symmetry")));
        registry.promote(MODEL, "production", strong, ACTOR, "first", true);
        registry.promote(MODEL, "production", weak, ACTOR, "a bad release", true);
        Path logs = dir.resolve("logs");
        Path labels = dir.resolve("labels.csv");
        int sent = serveTestRows(registry, logs, labels);
        assertThat(Files.readString(logs.resolve("predictions.jsonl"))).contains("\"id\":\"r2\"");

        PerformanceResult lenient = LivePerformance.check(registry, MODEL, "production", labels, null, null, logs,
                Map.of(Metric.ACCURACY, 0.3), Map.of(), true, ACTOR);
        assertThat(lenient.passed()).isTrue();
        assertThat(lenient.joined()).isEqualTo(sent);
        assertThat(lenient.rolledBack()).isNull();
        assertThat(registry.alias(MODEL, "production")).contains(weak);

        PerformanceResult strict = LivePerformance.check(registry, MODEL, "production", labels, null, null, logs,
                Map.of(Metric.ACCURACY, 0.9), Map.of(), true, ACTOR);
        assertThat(strict.evaluation().value(Metric.ACCURACY)).isLessThan(0.9);
        assertThat(strict.failures()).singleElement().asString().contains("accuracy", "below");
        assertThat(strict.rolledBack()).isEqualTo(strong);
        assertThat(registry.alias(MODEL, "production")).contains(strong);
        assertThat(registry.history(MODEL).get(registry.history(MODEL).size() - 1).message())
                .contains("live performance");
    }

    @Test
    void shouldNameTheLabelsFileWhenItsColumnIsMissing() throws Exception {
        Registry registry = Registry.open(dir.resolve("registry"));
        int v = register(registry, "strong", TrainOptions.of(Algorithm.LOGISTIC, "diagnosis"));
        registry.promote(MODEL, "production", v, ACTOR, "first", true);
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "request,label\nr1,benign\n");

        assertThatThrownBy(() -> LivePerformance.check(registry, MODEL, "production", labels, null, null,
                dir.resolve("logs"), Map.of(Metric.ACCURACY, 0.9), Map.of(), true, ACTOR))
                .isInstanceOf(IncidentException.class).hasMessageContaining(labels.toString())
                .hasMessageContaining("'id'");
    }
}
