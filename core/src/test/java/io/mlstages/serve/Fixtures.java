package io.mlstages.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


/** Real models trained on the breast cancer data, its rows as JSON, and an HTTP client. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TARGET = "diagnosis";

    private Fixtures() {
    }

    static Path dataset(final String name) {
        return io.mlstages.TestData.dataset(name);
    }

    /** Trains a package on the breast cancer training split into {@code dir}. */
    static Path train(final Algorithm algorithm, final Path dir) {
        Path out = dir.resolve(algorithm.label() + "-model");
        Trainer.train(dataset("breast-cancer-train.csv"), TrainOptions.of(algorithm, TARGET), out);
        return out;
    }

    /** The rows of a breast cancer file as JSON objects of feature to number, without the target. */
    static List<ObjectNode> rows(final String file) throws IOException {
        List<String> lines = Files.readAllLines(dataset(file));
        String[] header = lines.get(0).split(",");
        List<ObjectNode> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            ObjectNode row = JSON.createObjectNode();
            for (int c = 0; c < header.length; c++) {
                if (!header[c].equals(TARGET)) {
                    row.put(header[c], Double.parseDouble(cells[c]));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** What the model predicts for the row, computed directly (no server). */
    static double[] direct(final ModelPackage model, final JsonNode row) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        for (var feature : model.metadata().features()) {
            JsonNode value = row.get(feature.name());
            values.put(feature.name(), value == null || value.isNull() ? null : value.doubleValue());
        }
        return model.predict(values);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> post(final HttpClient client, final URI uri, final String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(final HttpClient client, final URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(final HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
