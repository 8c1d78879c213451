package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift command end to end on bundled public data (modeldata's Chicago ridership, vega-datasets' Seattle
 * weather; see test-resources/datasets/README.md for what scipy says about them).
 */
class RealDataDriftCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String data(final String name) {
        return DATA.resolve(name).toString();
    }

    private JsonNode drift(final int expectedExit, final String... args) throws IOException {
        Path json = dir.resolve("report-" + System.nanoTime() + ".json");
        String[] all = new String[args.length + 4];
        all[0] = "drift";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--json";
        all[args.length + 2] = json.toString();
        all[args.length + 3] = "--quiet";
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(expectedExit);
        return JSON.readTree(json.toFile());
    }

    private static Map<String, Boolean> verdicts(final JsonNode report) {
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        report.path("columns").forEach(c -> verdicts.put(c.path("name").asText(), c.path("drift").asBoolean()));
        return verdicts;
    }

    private static JsonNode column(final JsonNode report, final String name) {
        for (JsonNode column : report.path("columns")) {
            if (column.path("name").asText().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name + " in " + report);
    }

    @Test
    void shouldFindDriftInChicagoRidershipFrom2002To2008() throws IOException {
        JsonNode report = drift(1, "--reference", data("chicago-2002.csv"), "--current", data("chicago-2008.csv"),
                "--junit", dir.resolve("junit.xml").toString());

        assertThat(report.path("datasetDrift").asBoolean()).isTrue();
        for (String station : new String[] {"ridership", "Clark_Lake", "Austin", "Belmont", "Western", "Kedzie"}) {
            assertThat(column(report, station).path("drift").asBoolean()).as(station).isTrue();
        }
        for (String weather : new String[] {"temp", "humidity", "wind", "percip"}) {
            assertThat(column(report, weather).path("drift").asBoolean()).as(weather).isFalse();
        }
        assertThat(column(report, "day_of_week").path("drift").asBoolean()).isFalse();
        assertThat(column(report, "date").path("role").asText()).isEqualTo("identifier");
        long features = 0;
        long drifted = 0;
        for (JsonNode column : report.path("columns")) {
            if (column.path("role").asText().equals("feature")) {
                features++;
                drifted += column.path("drift").asBoolean() ? 1 : 0;
            }
        }
        assertThat(report.path("driftShare").asDouble()).isEqualTo((double) drifted / features);
        assertThat(Files.readString(dir.resolve("junit.xml")))
                .contains("failures=\"" + report.path("driftedColumns").asInt() + "\"");
    }

    @Test
    void shouldNotFindDriftBetweenTwoRandomHalvesOfOneYear() throws IOException {
        JsonNode report = drift(0, "--reference", data("chicago-2010-a.csv"), "--current", data("chicago-2010-b.csv"));

        assertThat(report.path("datasetDrift").asBoolean()).isFalse();
        assertThat(report.path("driftShare").asDouble()).isLessThan(0.1);
    }

    @Test
    void shouldFindTheWeatherLabelDriftInSeattleFrom2012To2015() throws IOException {
        JsonNode report = drift(1, "--reference", data("seattle-weather-2012.csv"),
                "--current", data("seattle-weather-2015.csv"));

        JsonNode weather = column(report, "weather");
        assertThat(weather.path("drift").asBoolean()).isTrue();
        assertThat(weather.path("type").asText()).isEqualTo("categorical");
        assertThat(weather.path("pValue").asDouble()).isLessThan(1e-10);
    }

    @Test
    void shouldWriteTheHtmlReportWithOneSectionPerColumnDriftedFirst() throws IOException {
        Path html = dir.resolve("reports/drift.html");
        JsonNode report = drift(1, "--reference", data("seattle-weather-2012.csv"),
                "--current", data("seattle-weather-2015.csv"), "--html", html.toString());

        String page = Files.readString(html);
        java.util.regex.Matcher sections = java.util.regex.Pattern.compile(
                "<section class=\"column( drifted)?\"[^>]*>\\s*<h2>.*?<span class=\"name\">([^<]*)</span>")
                .matcher(page);
        List<String> drifted = new ArrayList<>();
        List<String> all = new ArrayList<>();
        while (sections.find()) {
            all.add(sections.group(2));
            if (sections.group(1) != null) {
                drifted.add(sections.group(2));
            }
        }
        assertThat(all).hasSize(report.path("columns").size());
        List<String> expected = new ArrayList<>();
        report.path("columns").forEach(c -> {
            if (c.path("drift").asBoolean()) {
                expected.add(c.path("name").asText());
            }
        });
        assertThat(drifted).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(all.subList(0, drifted.size())).isEqualTo(drifted);
        assertThat(page).contains("<title>Dataset drift").doesNotContain("<script");
    }

    @Test
    void shouldReportTargetApartFromTheFeatures() throws IOException {
        JsonNode report = drift(1, "--reference", data("seattle-weather-2012.csv"),
                "--current", data("seattle-weather-2015.csv"), "--target", "weather");

        assertThat(column(report, "weather").path("role").asText()).isEqualTo("target");
        JsonNode last = report.path("columns").get(report.path("columns").size() - 1);
        assertThat(last.path("role").asText()).isIn("target", "identifier");
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"chicago-2002.csv, chicago-2008.csv", "chicago-2010-a.csv, chicago-2010-b.csv",
        "seattle-weather-2012.csv, seattle-weather-2015.csv"})
    void shouldGiveTheSameVerdictsFromAStoredProfileAsFromTheRawData(final String reference, final String current)
            throws IOException {
        Path profile = dir.resolve("reference.profile.json");
        assertThat(CliRun.of("profile", data(reference), "-o", profile.toString(), "-q").exitCode()).isZero();
        Path sketched = dir.resolve("reference.sketch.profile.json");
        assertThat(CliRun.of("profile", data(reference), "-o", sketched.toString(), "-q", "--exact-limit", "0")
                .exitCode()).isZero();

        JsonNode raw = drift(expectedExit(reference), "--reference", data(reference),
                "--current", data(current));
        JsonNode stored = drift(expectedExit(reference), "--reference", profile.toString(), "--current",
                data(current));
        JsonNode fromSketches = drift(expectedExit(reference), "--reference", sketched.toString(), "--current",
                data(current));

        assertThat(verdicts(stored)).isEqualTo(verdicts(raw));
        assertThat(verdicts(fromSketches)).isEqualTo(verdicts(raw));
        for (JsonNode column : fromSketches.path("columns")) {
            if (column.path("type").asText().equals("numeric")) {
                assertThat(column.path("exact").asBoolean()).as(column.path("name").asText()).isFalse();
            }
        }
    }

    private static int expectedExit(final String reference) {
        return reference.startsWith("chicago-2010") ? 0 : 1;
    }
}
