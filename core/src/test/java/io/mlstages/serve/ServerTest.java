package io.mlstages.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServerTest {
    @TempDir
    static Path dir;
    static ModelPackage model;
    static Server server;
    static HttpClient client;
    static List<ObjectNode> rows;

    @BeforeAll
    static void start() throws IOException {
        Path trained = Fixtures.train(Algorithm.LOGISTIC, dir);
        model = ModelPackage.load(trained);
        server = Server.start(ServeOptions.ofPackage(trained).withMaxBodyBytes(64 * 1024));
        client = Fixtures.client();
        rows = Fixtures.rows("breast-cancer-test.csv");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldBindLoopbackOnAnyFreePortByDefault() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.port()).isPositive();
        assertThat(server.modelVersion()).hasValue(0);
    }

    @Test
    void shouldPredictTheLabelAndEveryClassProbabilityOfOneRow() throws Exception {
        ObjectNode row = rows.get(0);
        HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), row.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Fixtures.json(response);
        assertThat(body.get("modelVersion").intValue()).isZero();
        assertThat(body.get("model").textValue()).isEqualTo("logistic-model");
        double[] expected = Fixtures.direct(model, row);
        JsonNode probabilities = body.get("prediction").get("probabilities");
        List<String> classes = model.metadata().classes();
        assertThat(classes).containsExactly("benign", "malignant");
        for (int c = 0; c < classes.size(); c++) {
            assertThat(probabilities.get(classes.get(c)).doubleValue()).isCloseTo(expected[c], within(1e-12));
        }
        String label = expected[1] > expected[0] ? "malignant" : "benign";
        assertThat(body.get("prediction").get("label").textValue()).isEqualTo(label);
    }

    @Test
    void shouldPredictEveryRowOfABatchInOrder() throws Exception {
        List<ObjectNode> some = rows.subList(0, 60);
        ArrayNode batch = Fixtures.JSON.createArrayNode();
        some.forEach(batch::add);
        ObjectNode request = Fixtures.JSON.createObjectNode().set("rows", batch);

        HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode predictions = Fixtures.json(response).get("predictions");
        assertThat(predictions).hasSize(some.size());
        int malignant = 0;
        for (int r = 0; r < some.size(); r++) {
            double[] expected = Fixtures.direct(model, some.get(r));
            assertThat(predictions.get(r).get("probabilities").get("malignant").doubleValue())
                    .isCloseTo(expected[1], within(1e-12));
            malignant += predictions.get(r).get("label").textValue().equals("malignant") ? 1 : 0;
        }
        // the test split holds both classes; a model that says one label for all would be broken
        assertThat(malignant).isBetween(5, some.size() - 5);
    }

    @Test
    void shouldTreatAnAbsentFeatureAndNullAsMissingValues() throws Exception {
        ObjectNode absent = rows.get(1).deepCopy();
        absent.remove("mean_radius");
        ObjectNode nulled = rows.get(1).deepCopy();
        nulled.putNull("mean_radius");

        JsonNode fromAbsent = Fixtures.json(Fixtures.post(client, server.uri().resolve("/predict"),
                absent.toString()));
        JsonNode fromNull = Fixtures.json(Fixtures.post(client, server.uri().resolve("/predict"),
                nulled.toString()));

        double expected = Fixtures.direct(model, nulled)[1];
        assertThat(fromAbsent.get("prediction").get("probabilities").get("malignant").doubleValue())
                .isCloseTo(expected, within(1e-12));
        assertThat(fromNull.get("prediction").get("probabilities").get("malignant").doubleValue())
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void shouldRefuseAnUnknownFeatureWith400NamingIt() throws Exception {
        ObjectNode row = rows.get(0).deepCopy();
        row.put("mean_raduis", 12.0);

        HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), row.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Fixtures.json(response);
        assertThat(body.get("field").textValue()).isEqualTo("mean_raduis");
        assertThat(body.get("error").textValue()).contains("'mean_raduis' is not a feature");
    }

    @Test
    void shouldRefuseTextInANumericFeatureWith400NamingTheField() throws Exception {
        ObjectNode row = rows.get(0).deepCopy();
        row.put("worst_area", "large");

        HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), row.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Fixtures.json(response);
        assertThat(body.get("field").textValue()).isEqualTo("worst_area");
        assertThat(body.get("error").textValue()).contains("numeric").contains("\"large\"");
    }

    @Test
    void shouldNameTheRowAndFieldOfABadValueInABatch() throws Exception {
        ObjectNode bad = rows.get(2).deepCopy();
        bad.putArray("mean_texture").add(1).add(2);
        ObjectNode request = Fixtures.JSON.createObjectNode();
        request.putArray("rows").add(rows.get(0)).add(rows.get(1)).add(bad);

        HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), request.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Fixtures.json(response);
        assertThat(body.get("row").intValue()).isEqualTo(2);
        assertThat(body.get("field").textValue()).isEqualTo("mean_texture");
        assertThat(body.get("error").textValue()).startsWith("Row 2: ").contains("an array");
    }

    @Test
    void shouldRefuseMalformedBodiesWith400AndAReason() throws Exception {
        String[][] cases = {
            {"{\"mean_radius\": 12.0,", "not valid JSON"},
            {"", "empty"},
            {"[1, 2, 3]", "an array"},
            {"42", "the number 42"},
            {"{\"rows\": [1]}", "Row 0 is the number 1"},
            {"{\"rows\": [], \"mean_radius\": 1}", "only the field 'rows'"},
            {"{\"mean_radius\": 1, \"mean_radius\": 2}", "Duplicate field 'mean_radius'"},
            {"{\"mean_radius\": 1} {}", "not valid JSON"},
            {"{\"mean_radius\": NaN}", "not valid JSON"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), c[0]);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(Fixtures.json(response).get("error").textValue()).as(c[0]).contains(c[1]);
        }
        assertServerStillPredicts();
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413BeforeReadingIt() throws Exception {
        // a raw socket: declare 10 MB and send none of it; a server that tried to read it all would hang here
        try (Socket socket = new Socket(server.address().getAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000000\r\n\r\n{\"mean_radius\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                assertThat(c).as("the response ended inside its headers: %s", head).isNotNegative();
                head.append((char) c);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 413").containsIgnoringCase("Connection: close");
            int length = Integer.parseInt(head.toString().replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            assertThat(body).contains("exceeds the limit of 65536 bytes");
        }
        assertServerStillPredicts();
    }

    @Test
    void shouldRefuseAnOversizedChunkedBodyWith413() throws Exception {
        byte[] big = ("{\"rows\": [" + "{\"mean_radius\": 12.5},".repeat(5000) + "{}]}")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(big.length).isGreaterThan(64 * 1024);
        // an InputStream publisher has no known length, so the client sends it chunked, without Content-Length
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/predict")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Fixtures.json(response).get("error").textValue()).contains("65536 bytes");
        assertServerStillPredicts();
    }

    @Test
    void shouldAnswer405ToAWrongMethodAnd404ToAnUnknownPath() throws Exception {
        HttpResponse<String> get = Fixtures.get(client, server.uri().resolve("/predict"));
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> post = Fixtures.post(client, server.uri().resolve("/health"), "{}");
        assertThat(post.statusCode()).isEqualTo(405);

        HttpResponse<String> unknown = Fixtures.get(client, server.uri().resolve("/predictions"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Fixtures.json(unknown).get("error").textValue()).contains("/predictions");
        assertServerStillPredicts();
    }

    @Test
    void shouldReportHealthWithTheModelNameAndVersion() throws Exception {
        HttpResponse<String> response = Fixtures.get(client, server.uri().resolve("/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Fixtures.json(response);
        assertThat(body.get("status").textValue()).isEqualTo("ok");
        assertThat(body.get("model").textValue()).isEqualTo("logistic-model");
        assertThat(body.get("modelVersion").intValue()).isZero();
        assertThat(body.get("algorithm").textValue()).isEqualTo("logistic");
    }

    @Test
    void shouldCountRequestsByPathAndStatusInPrometheusText() throws Exception {
        long ok = counter(metricsText(), "mlstages_http_requests_total{path=\"/predict\",code=\"200\"}");
        long bad = counter(metricsText(), "mlstages_http_requests_total{path=\"/predict\",code=\"400\"}");
        long predicted = counter(metricsText(), "mlstages_predictions_total");
        for (int i = 0; i < 3; i++) {
            assertThat(Fixtures.post(client, server.uri().resolve("/predict"), rows.get(i).toString()).statusCode())
                    .isEqualTo(200);
        }
        assertThat(Fixtures.post(client, server.uri().resolve("/predict"), "{").statusCode()).isEqualTo(400);

        // a request is counted once its response is written, which the client may see a moment earlier
        HttpResponse<String> response = Fixtures.get(client, server.uri().resolve("/metrics"));
        for (int wait = 0; wait < 50 && counter(response.body(),
                "mlstages_http_requests_total{path=\"/predict\",code=\"400\"}") < bad + 1; wait++) {
            Thread.sleep(20);
            response = Fixtures.get(client, server.uri().resolve("/metrics"));
        }

        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        String text = response.body();
        // other tests may run in between, so the counts grow by at least what this test sent
        assertThat(counter(text, "mlstages_http_requests_total{path=\"/predict\",code=\"200\"}")).isGreaterThanOrEqualTo(ok + 3);
        assertThat(counter(text, "mlstages_http_requests_total{path=\"/predict\",code=\"400\"}")).isGreaterThanOrEqualTo(bad + 1);
        assertThat(counter(text, "mlstages_predictions_total")).isGreaterThanOrEqualTo(predicted + 3);
        assertThat(text).contains("# TYPE mlstages_http_request_duration_seconds histogram\n")
                .contains("mlstages_http_request_duration_seconds_bucket{path=\"/predict\",le=\"0.0005\"}")
                .contains("mlstages_http_request_duration_seconds_bucket{path=\"/predict\",le=\"0.25\"}")
                .contains("# TYPE mlstages_model_version gauge\n")
                .contains("mlstages_model_version{model=\"logistic-model\"} 0\n")
                .contains("# TYPE mlstages_prediction_log_bytes_total counter\n");
        long infinite = counter(text, "mlstages_http_request_duration_seconds_bucket{path=\"/predict\",le=\"+Inf\"}");
        assertThat(counter(text, "mlstages_http_request_duration_seconds_count{path=\"/predict\"}")).isEqualTo(infinite);
        // every sample line belongs to a family that was declared with HELP and TYPE before it
        String family = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                family = line.split(" ")[2];
            } else if (!line.startsWith("#")) {
                assertThat(line).startsWith(family);
            }
        }
    }

    private static String metricsText() throws Exception {
        return Fixtures.get(client, server.uri().resolve("/metrics")).body();
    }

    static long counter(final String text, final String sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Long.parseLong(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }

    private static void assertServerStillPredicts() throws Exception {
        HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), rows.get(3).toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Fixtures.json(response).get("prediction").get("label").textValue()).isIn("benign", "malignant");
    }
}
