package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Profiles written by the engine when it used DataSketches' KLL sketch (test-resources/profiles/v1, see its
 * README) still load, and every numeric column answers as that engine did: the same quantiles and CDF, the
 * same rank error, the same counts. The sketch bytes are read as they are, so the answers are equal, not just
 * close.
 */
class ProfileCompatibilityTest {
    static final Path FIXTURES = Path.of("..", "test-resources", "profiles", "v1");

    @Test
    void shouldAnswerAsDataSketchesDidForEveryColumnOfEveryOldProfile() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("expected/quantiles.json").toFile());
        SoftAssertions softly = new SoftAssertions();
        int sketched = 0;
        int columns = 0;
        for (Iterator<Map.Entry<String, JsonNode>> files = expected.fields(); files.hasNext();) {
            Map.Entry<String, JsonNode> file = files.next();
            Profile profile = ProfileJson.read(FIXTURES.resolve(file.getKey()));
            for (Iterator<Map.Entry<String, JsonNode>> it = file.getValue().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> column = it.next();
                JsonNode want = column.getValue();
                String where = file.getKey() + " " + column.getKey();
                NumericSummary summary = profile.column(column.getKey()).orElseThrow().numeric();
                QuantileSketch sketch = QuantileSketch.fromBytes(summary.sketch());
                softly.assertThat(sketch.n()).as(where + " n").isEqualTo(want.get("n").asLong());
                softly.assertThat(sketch.k()).as(where + " k").isEqualTo(want.get("k").asInt());
                softly.assertThat(sketch.retained()).as(where + " retained").isEqualTo(want.get("retained").asInt());
                softly.assertThat(sketch.isEstimationMode()).as(where + " estimation mode")
                        .isEqualTo(want.get("estimation").asBoolean());
                softly.assertThat(summary.rankError()).as(where + " rank error")
                        .isEqualTo(want.get("rankError").asDouble());
                softly.assertThat(summary.quantiles(numbers(want.get("ranks")))).as(where + " quantiles")
                        .containsExactly(numbers(want.get("quantiles")));
                softly.assertThat(summary.cdf(numbers(want.get("points")))).as(where + " cdf")
                        .containsExactly(numbers(want.get("cdf")));
                columns++;
                if (want.get("estimation").asBoolean() && !summary.isExact()) {
                    sketched++;
                }
            }
        }
        softly.assertAll();
        // the fixtures cover sketches that compacted (not only exact columns)
        assertThat(columns).isGreaterThan(100);
        assertThat(sketched).isGreaterThan(60);
    }

    @Test
    void shouldKeepOldSketchBytesWhenAnOldProfileIsReadAndWrittenAgain() throws IOException {
        Path file = FIXTURES.resolve("chicago-2002-k200.json");
        Profile old = ProfileJson.read(file);

        Profile again = ProfileJson.fromJson(ProfileJson.toJson(old), "again");

        assertThat(again).isEqualTo(old);
        assertThat(ProfileJson.toJson(again)).isEqualTo(Files.readString(file).strip());
    }

    @Test
    void shouldMergeAnOldProfileWithANewOneIntoTheNewSketchFormat() {
        Profile old = ProfileJson.read(FIXTURES.resolve("synthetic-a.json"));
        Profile same = ProfileJson.read(FIXTURES.resolve("synthetic-a.json"));

        Profile merged = old.merge(same);

        for (ColumnProfile column : merged.columns()) {
            NumericSummary before = old.column(column.name()).orElseThrow().numeric();
            NumericSummary after = column.numeric();
            assertThat(after.finite()).isEqualTo(2 * before.finite());
            assertThat(after.sketch()[0]).as("written in the engine's own format").isEqualTo((byte) 'M');
            double bound = QuantileSketch.normalizedRankError(ProfileSettings.DEFAULT_SKETCH_K);
            double[] ranks = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99};
            // the same data twice: the old sketch puts each merged quantile at a rank within twice the bound (one
            // for each sketch's error); with ties, the quantile covers the ranks from just below it to it
            double[] quantiles = after.quantiles(ranks);
            double[] atMost = before.cdf(quantiles);
            double[] below = before.cdf(java.util.Arrays.stream(quantiles).map(Math::nextDown).toArray());
            for (int i = 0; i < ranks.length; i++) {
                assertThat(below[i]).as(column.name() + " rank " + ranks[i]).isLessThanOrEqualTo(ranks[i] + 2 * bound);
                assertThat(atMost[i]).as(column.name() + " rank " + ranks[i])
                        .isGreaterThanOrEqualTo(ranks[i] - 2 * bound);
            }
        }
    }

    @Test
    void shouldRefuseSketchesThatAreNeitherFormatOrInconsistent() {
        byte[] good = ProfileJson.read(FIXTURES.resolve("breast-cancer-train-k16.json")).columns().get(0)
                .numeric().sketch();
        byte[] wrongWeight = good.clone();
        wrongWeight[8]++; // n no longer matches the items' weights
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        List<byte[]> bad = new ArrayList<>(List.of(new byte[] {1, 2, 3}, wrongWeight, truncated,
                new byte[] {'M', 'L', 'Q', 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        for (byte[] bytes : bad) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuantileSketch.fromBytes(bytes))
                    .isInstanceOf(ProfileException.class).hasMessageStartingWith("The profile's quantile sketch is corrupt");
        }
    }

    private static double[] numbers(final JsonNode array) {
        double[] result = new double[array.size()];
        for (int i = 0; i < result.length; i++) {
            JsonNode node = array.get(i);
            result[i] = node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
        }
        return result;
    }
}
