package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlstages.data.Column;
import io.mlstages.data.ColumnType;
import io.mlstages.data.Schema;

class ProfileJsonTest {
    @TempDir
    Path dir;

    private static Profile sample(final int n, final ProfileSettings settings) {
        Schema schema = new Schema(List.of(new Column("x", ColumnType.NUMERIC), new Column("empty", ColumnType.NUMERIC),
                new Column("city", ColumnType.CATEGORICAL), new Column("ok", ColumnType.BOOLEAN)));
        Random random = new Random(n);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String x = i % 10 == 0 ? "Infinity" : i % 11 == 0 ? "NaN" : i % 13 == 0 ? "-Infinity"
                    : Double.toString(random.nextGaussian() * 1e-3 + 0.1);
            rows.add(new String[] {x, i % 2 == 0 ? "NA" : "NaN", "c\"ity \u00e9 " + random.nextInt(7),
                    Boolean.toString(random.nextBoolean())});
        }
        Profile profile = Profiler.profile(new InMemoryRows(schema, rows), settings, null);
        return new Profile(profile.schemaVersion(),
                List.of(new Profile.Source("train.csv", "ab".repeat(32), n)), profile.rows(), settings,
                profile.columns());
    }

    @Test
    void shouldRoundTripExactProfileIncludingNaNAndInfinityCounts() {
        Profile profile = sample(500, ProfileSettings.defaults());
        Path file = dir.resolve("profile.json");

        ProfileJson.write(profile, file);
        Profile read = ProfileJson.read(file);

        assertThat(read).isEqualTo(profile);
        NumericSummary empty = read.column("empty").orElseThrow().numeric();
        assertThat(empty.nan()).isEqualTo(250);
        assertThat(empty.mean()).isNaN();
        assertThat(read.column("x").orElseThrow().numeric().positiveInfinity()).isEqualTo(50);
    }

    @Test
    void shouldRoundTripSketchedProfileAndAnswerTheSameQuantiles() {
        Profile profile = sample(30_000, ProfileSettings.defaults().withExactLimit(100));

        Profile read = ProfileJson.fromJson(ProfileJson.toJson(profile), "test");

        assertThat(read).isEqualTo(profile);
        double[] ranks = {0.01, 0.5, 0.99};
        assertThat(read.column("x").orElseThrow().numeric().quantiles(ranks))
                .containsExactly(profile.column("x").orElseThrow().numeric().quantiles(ranks));
    }

    @Test
    void shouldWriteUndefinedStatisticsAsNullAndInfinityAsText() throws IOException {
        QuantileSketch sketch = new QuantileSketch(200);
        sketch.update(-1e308);
        sketch.update(1e308);
        NumericSummary summary = new NumericSummary(2, 0, 0, 0, -1e308, 1e308, 0, Double.POSITIVE_INFINITY,
                NumericSummary.Histogram.empty(), sketch.toByteArray(), new double[] {-1e308, 1e308});
        Profile profile = new Profile(1, List.of(), 2, ProfileSettings.defaults(), List.of(
                new ColumnProfile("wide", ColumnType.NUMERIC, 2, 0, summary, null)));
        Profile emptyColumn = sample(4, ProfileSettings.defaults());

        JsonNode tree = new ObjectMapper().readTree(ProfileJson.toJson(profile));
        JsonNode empty = new ObjectMapper().readTree(ProfileJson.toJson(emptyColumn))
                .get("columns").get(1).get("numeric");

        assertThat(tree.get("kind").asText()).isEqualTo("mlstages-profile");
        assertThat(tree.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(tree.get("columns").get(0).get("numeric").get("std").asText()).isEqualTo("Infinity");
        assertThat(empty.get("mean").isNull()).isTrue();
        assertThat(empty.get("std").isNull()).isTrue();
        assertThat(ProfileJson.fromJson(ProfileJson.toJson(profile), "t").columns().get(0).numeric().std())
                .isInfinite();
    }

    @Test
    void shouldRefuseNewerSchemaVersionSayingWhichOneItReads() throws IOException {
        Path file = dir.resolve("new.json");
        Files.writeString(file, ProfileJson.toJson(sample(5, ProfileSettings.defaults()))
                .replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 7"));

        assertThatThrownBy(() -> ProfileJson.read(file)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("new.json").hasMessageContaining("schema version 7")
                .hasMessageContaining("reads schema version " + Profile.SEGMENTS_SCHEMA_VERSION + " and older");
    }

    @Test
    void shouldNameFileLineAndColumnOfTruncatedProfile() throws IOException {
        Path file = dir.resolve("cut.json");
        String json = ProfileJson.toJson(sample(50, ProfileSettings.defaults()));
        Files.writeString(file, json.substring(0, json.length() / 2));

        assertThatThrownBy(() -> ProfileJson.read(file)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("cut.json, line ").hasMessageContaining("column ")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldNameTheFieldThatIsWrong() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, ProfileJson.toJson(sample(50, ProfileSettings.defaults()))
                .replaceFirst("\"finite\" : \\d+", "\"finite\" : \"many\""));

        assertThatThrownBy(() -> ProfileJson.read(file)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("columns[0].numeric.finite");
    }

    @Test
    void shouldRefuseJsonThatIsNotAProfile() throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"name\": \"model\"}");

        assertThatThrownBy(() -> ProfileJson.read(file)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("other.json: not a profile");
    }

    @Test
    void shouldRefuseCorruptSketch() throws IOException {
        Path file = dir.resolve("sketch.json");
        String json = ProfileJson.toJson(sample(50, ProfileSettings.defaults()));
        Files.writeString(file, json.replaceFirst("\"sketch\" : \"[^\"]+\"", "\"sketch\" : \"AAAA\""));

        assertThatThrownBy(() -> ProfileJson.read(file)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("sketch.json").hasMessageContaining("columns[0].numeric.sketch");
    }

    @Test
    void shouldReplaceExistingFileAndLeaveNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "old", StandardCharsets.UTF_8);
        Profile profile = sample(20, ProfileSettings.defaults());

        ProfileJson.write(profile, file);

        assertThat(ProfileJson.read(file)).isEqualTo(profile);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void shouldNameTargetWhenItCannotBeWritten() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("p.json");

        assertThatThrownBy(() -> ProfileJson.write(sample(5, ProfileSettings.defaults()), file))
                .isInstanceOf(ProfileException.class).hasMessageContaining("p.json");
    }

    @Test
    void shouldReportMissingFileByName() {
        assertThatThrownBy(() -> ProfileJson.read(dir.resolve("nope.json"))).isInstanceOf(ProfileException.class)
                .hasMessageContaining("nope.json: no such profile file");
    }
}
