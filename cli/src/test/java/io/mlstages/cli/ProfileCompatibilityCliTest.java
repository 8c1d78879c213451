package io.mlstages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Drift checks against profiles written when the engine used DataSketches (test-resources/profiles/v1) give the
 * verdicts that engine gave: the same exit status, and per column the same method and drift flag. Where both
 * sides are read from old profiles or kept exact values, the score and p-value are equal too (up to rounding):
 * the sketches are read as written. Where a dataset is sketched anew (the current CSV read with the old
 * profile's settings, exact limit 0 and k 16), its sketch is the engine's own, so only the verdicts must agree.
 */
class ProfileCompatibilityCliTest {
    private static final Path V1 = Path.of("../test-resources/profiles/v1");
    private static final Path DATA = Path.of("../test-resources/datasets");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "drift-chicago-2002-vs-2008-csv, chicago-2002.json, data:chicago-2008.csv, 1, true",
        "drift-chicago-k200, chicago-2002-k200.json, chicago-2008-k200.json, 1, true",
        "drift-breast-cancer-k16-vs-test-csv, breast-cancer-train-k16.json, data:breast-cancer-test.csv, 0, false",
        "drift-breast-cancer-vs-k16, breast-cancer-train.json, breast-cancer-train-k16.json, 0, true",
        "drift-synthetic, synthetic-a.json, synthetic-b.json, 1, true",
        "drift-synthetic-same, synthetic-a.json, synthetic-a.json, 0, true",
        "drift-ridership-k2000-vs-2008, chicago-ridership-train-k2000.json, data:chicago-2008.csv, 1, true",
    })
    void shouldGiveTheVerdictsOfTheEngineThatWroteTheProfile(final String expected, final String reference,
            final String current, final int exit, final boolean sameStatistics) throws IOException {
        Path json = dir.resolve("report.json");
        CliRun run = CliRun.of("drift", "--quiet", "--reference", V1.resolve(reference).toString(), "--current",
                file(current), "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);

        ObjectMapper mapper = new ObjectMapper();
        JsonNode want = mapper.readTree(V1.resolve("expected/" + expected + ".json").toFile());
        JsonNode got = mapper.readTree(json.toFile());
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(got.path("datasetDrift")).isEqualTo(want.path("datasetDrift"));
        softly.assertThat(got.path("driftedColumns")).isEqualTo(want.path("driftedColumns"));
        softly.assertThat(got.path("columns").size()).isEqualTo(want.path("columns").size());
        for (int i = 0; i < want.path("columns").size(); i++) {
            JsonNode a = want.path("columns").get(i);
            JsonNode b = got.path("columns").get(i);
            String name = a.path("name").asText();
            softly.assertThat(b.path("name").asText()).isEqualTo(name);
            softly.assertThat(b.path("method")).as(name + " method").isEqualTo(a.path("method"));
            softly.assertThat(b.path("drift")).as(name + " drift").isEqualTo(a.path("drift"));
            softly.assertThat(b.path("exact")).as(name + " exact").isEqualTo(a.path("exact"));
            if (sameStatistics) {
                closeTo(softly, name + " score", a.path("score"), b.path("score"));
                closeTo(softly, name + " pValue", a.path("pValue"), b.path("pValue"));
            }
        }
        softly.assertAll();
    }

    private static void closeTo(final SoftAssertions softly, final String what, final JsonNode want,
            final JsonNode got) {
        if (!want.isNumber()) {
            softly.assertThat(got).as(what).isEqualTo(want);
            return;
        }
        double a = want.asDouble();
        softly.assertThat(got.asDouble()).as(what).isCloseTo(a, org.assertj.core.api.Assertions.within(
                1e-9 * Math.max(1e-300, Math.abs(a))));
    }

    private static String file(final String name) {
        return name.startsWith("data:") ? DATA.resolve(name.substring(5)).toString() : V1.resolve(name).toString();
    }
}
