package io.mlstages.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mlstages.data.DataReader;
import io.mlstages.data.Format;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.train.Algorithm;
import io.mlstages.train.Feature;
import io.mlstages.train.ModelPackage;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PredictionLogTest {
    @TempDir
    static Path models;
    static Path gbt;
    static ModelPackage model;
    static List<String> features;

    @TempDir
    Path logs;

    @BeforeAll
    static void train() {
        gbt = Fixtures.train(Algorithm.GBT, models);
        model = ModelPackage.load(gbt);
        features = model.metadata().features().stream().map(Feature::name).toList();
    }

    @Test
    void shouldLogEveryPredictionAsALineThatTheJsonLinesReaderFlattensPerFeature() throws Exception {
        List<ObjectNode> rows = Fixtures.rows("breast-cancer-test.csv");
        ObjectNode missing = rows.get(0).deepCopy();
        missing.remove("mean_area");
        try (Server server = Server.start(ServeOptions.ofPackage(gbt).withLogDir(logs))) {
            HttpClient client = Fixtures.client();
            assertThat(Fixtures.post(client, server.uri().resolve("/predict"), missing.toString()).statusCode())
                    .isEqualTo(200);
            assertThat(Fixtures.post(client, server.uri().resolve("/predict"), "{\"rows\": [" + rows.get(1) + ","
                    + rows.get(2) + "]}").statusCode()).isEqualTo(200);
            // refused requests are not predictions and are not logged
            assertThat(Fixtures.post(client, server.uri().resolve("/predict"), "{\"nope\": 1}").statusCode())
                    .isEqualTo(400);
        }

        Path file = logs.resolve(PredictionLogs.CURRENT);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        JsonNode first = Fixtures.JSON.readTree(lines.get(0));
        assertThat(first.get("modelVersion").intValue()).isZero();
        assertThat(first.get("model").textValue()).isEqualTo("gbt-model");
        assertThat(first.get("time").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.get("features").get("mean_area").isNull()).isTrue();
        assertThat(first.get("features").get("mean_radius").doubleValue())
                .isEqualTo(rows.get(0).get("mean_radius").doubleValue());
        double[] expected = Fixtures.direct(model, rows.get(1));
        JsonNode second = Fixtures.JSON.readTree(lines.get(1));
        // the server scores GBT models in Java (TreeScorer), within 1e-6 of the native library
        assertThat(second.get("prediction").get("probabilities").get("malignant").doubleValue())
                .isCloseTo(expected[1], org.assertj.core.api.Assertions.within(1e-6));

        try (RowSource source = DataReader.open(file, ReadOptions.defaults().withFormat(Format.JSONL))) {
            List<String> columns = source.schema().names();
            assertThat(columns).startsWith("time", "model", "modelVersion")
                    .contains("prediction.label", "prediction.probabilities.benign",
                            "prediction.probabilities.malignant");
            for (String feature : features) {
                assertThat(columns).contains(PredictionLogs.FEATURE_PREFIX + feature);
            }
            int area = source.schema().indexOf("features.mean_area");
            assertThat(source.next()).isTrue();
            assertThat(source.isMissing(area)).isTrue();
        }
    }

    @Test
    void shouldFindNoDriftInLoggedTrainingLikeRowsAndDriftInShiftedOnes() throws Exception {
        List<ObjectNode> rows = Fixtures.rows("breast-cancer-test.csv");
        Path same = logs.resolve("same");
        Path shifted = logs.resolve("shifted");
        send(same, rows);
        List<ObjectNode> moved = new ArrayList<>();
        for (ObjectNode row : rows) {
            ObjectNode copy = row.deepCopy();
            Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                // the tumours grow by 40%: every size feature moves, the shape ratios do not
                copy.put(field.getKey(), field.getValue().doubleValue() * 1.4);
            }
            moved.add(copy);
        }
        send(shifted, moved);
        DriftOptions options = DriftOptions.defaults().withColumns(features);

        Profile sameProfile = PredictionLogs.profileFeatures(same.resolve(PredictionLogs.CURRENT),
                ProfileSettings.defaults());
        DriftReport none = DriftDetector.compare(model.profile(), sameProfile, options);
        Profile shiftedProfile = PredictionLogs.profileFeatures(shifted.resolve(PredictionLogs.CURRENT),
                ProfileSettings.defaults());
        DriftReport drift = DriftDetector.compare(model.profile(), shiftedProfile, options);

        assertThat(sameProfile.rows()).isEqualTo(rows.size());
        assertThat(none.columns()).hasSize(features.size());
        assertThat(none.datasetDrift()).isFalse();
        assertThat(drift.datasetDrift()).isTrue();
        assertThat(drift.columns().stream().filter(c -> c.name().equals("mean_radius")).map(ColumnDrift::drift))
                .containsExactly(true);
    }

    @Test
    void shouldRotateBySizeAndKeepTheLastFiles() throws Exception {
        List<ObjectNode> rows = Fixtures.rows("breast-cancer-test.csv");
        try (Server server = Server.start(ServeOptions.ofPackage(gbt).withLogDir(logs).withLogRotation(4096, 2))) {
            HttpClient client = Fixtures.client();
            for (ObjectNode row : rows.subList(0, 40)) {
                assertThat(Fixtures.post(client, server.uri().resolve("/predict"), row.toString()).statusCode())
                        .isEqualTo(200);
            }
        }

        List<Path> files = PredictionLogs.files(logs);
        assertThat(files).hasSize(3);
        assertThat(files.get(2).getFileName().toString()).isEqualTo(PredictionLogs.CURRENT);
        assertThat(files.get(0).getFileName().toString()).matches("predictions-\\d{8}T\\d{6}Z-\\d{6}\\.jsonl");
        long lines = 0;
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(4096);
            lines += Files.readAllLines(file).size();
            try (RowSource source = DataReader.open(file, ReadOptions.defaults().withFormat(Format.JSONL))) {
                while (source.next()) {
                    assertThat(source.schema().names()).contains("features.mean_radius");
                }
            }
        }
        // a line is about 1.3 kB: 3 per 4 kB file, so 40 predictions made about 13 files of which 3 remain
        assertThat(lines).isLessThan(40).isGreaterThanOrEqualTo(4);
        // the newest kept lines are the last predictions: the current file ends with the 40th row
        List<String> current = Files.readAllLines(files.get(2));
        JsonNode last = Fixtures.JSON.readTree(current.get(current.size() - 1));
        assertThat(last.get("features").get("mean_radius").doubleValue())
                .isEqualTo(rows.get(39).get("mean_radius").doubleValue());
    }

    @Test
    void shouldDropLinesRatherThanWaitWhenTheQueueIsFullAndCountThem() throws Exception {
        List<ObjectNode> rows = Fixtures.rows("breast-cancer-test.csv");
        String batch = "{\"rows\": " + Fixtures.JSON.valueToTree(rows.subList(0, 40)) + "}";
        int requests = 20;
        String metrics;
        try (Server server = Server.start(ServeOptions.ofPackage(gbt).withLogDir(logs).withLogQueue(1))) {
            HttpClient client = Fixtures.client();
            for (int i = 0; i < requests; i++) {
                assertThat(Fixtures.post(client, server.uri().resolve("/predict"), batch).statusCode())
                        .isEqualTo(200);
            }
            metrics = Fixtures.get(client, server.uri().resolve("/metrics")).body();
        }

        long dropped = ServerTest.counter(metrics, "mlstages_prediction_log_dropped_total");
        long logged = Files.readAllLines(logs.resolve(PredictionLogs.CURRENT)).size();
        // a queue of one cannot take 40 lines offered back to back: some are dropped, none is lost uncounted
        assertThat(dropped).isPositive();
        assertThat(logged + dropped).isEqualTo(requests * 40L);
        assertThat(ServerTest.counter(metrics, "mlstages_prediction_log_bytes_total"))
                .isLessThanOrEqualTo(Files.size(logs.resolve(PredictionLogs.CURRENT)));
    }

    private static void send(final Path logDir, final List<ObjectNode> rows) throws Exception {
        try (Server server = Server.start(ServeOptions.ofPackage(gbt).withLogDir(logDir))) {
            HttpClient client = Fixtures.client();
            for (ObjectNode row : rows) {
                assertThat(Fixtures.post(client, server.uri().resolve("/predict"), row.toString()).statusCode())
                        .isEqualTo(200);
            }
        }
    }
}
