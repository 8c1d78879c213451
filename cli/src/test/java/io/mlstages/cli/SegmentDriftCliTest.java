package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code drift --segment} and {@code profile --segment} end to end on the German credit splits, the current split's
 * "rent" segment drifted (longer and three times larger loans).
 */
class SegmentDriftCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final String TRAIN = DATA.resolve("german-credit-train.csv").toString();
    private static final String TEST = DATA.resolve("german-credit-test.csv").toString();
    private static final String COLUMNS = "--columns=duration,credit_amount,age";

    @TempDir
    Path dir;

    private String drifted;

    @BeforeEach
    void driftTheRentSegment() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(TEST), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            if (row[header.indexOf("housing")].equals("rent")) {
                int duration = header.indexOf("duration");
                int amount = header.indexOf("credit_amount");
                row[duration] = Integer.toString(Integer.parseInt(row[duration]) + 24);
                row[amount] = Integer.toString(Integer.parseInt(row[amount]) * 3);
            }
            out.add(String.join(",", row));
        }
        Path file = dir.resolve("test-rent-drift.csv");
        Files.write(file, out, StandardCharsets.UTF_8);
        drifted = file.toString();
    }

    @Test
    void shouldExitOneNamingTheDriftedSegmentFirstInEveryReport() throws IOException {
        Path json = dir.resolve("drift.json");
        Path junit = dir.resolve("drift.xml");
        Path html = dir.resolve("drift.html");

        CliRun run = CliRun.of("drift", "-r", TRAIN, "-c", drifted, COLUMNS, "--segment", "housing",
                "--json", json.toString(), "--junit", junit.toString(), "--html", html.toString(), "--quiet");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Segments (worst first): 1 of 3 drifted")
                .containsPattern("\\n  DRIFT  housing=rent  rows 134→45  share 0\\.6667  drifted: duration, "
                        + "credit_amount\\n  ok  housing=own")
                .contains("too few rows  housing=for free  rows 83→25");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("datasetDrift").asBoolean()).isTrue();
        assertThat(report.path("driftedSegments").asInt()).isEqualTo(1);
        assertThat(report.path("segments").get(0).path("value").asText()).isEqualTo("rent");
        assertThat(report.path("segments").get(0).path("columns").get(0).path("pValue").isNumber()).isTrue();
        assertThat(report.path("segments").get(2).path("status").asText()).isEqualTo("too-few-rows");
        assertThat(Files.readString(junit)).contains("classname=\"drift.segment\" name=\"housing=rent\"")
                .contains("classname=\"drift.segment.housing=rent\" name=\"credit_amount\"");
        assertThat(Files.readString(html)).contains("<table id=\"segments\">");
    }

    @Test
    void shouldExitZeroWhenNoSegmentDriftedBetweenTheRandomSplits() {
        CliRun run = CliRun.of("drift", "-r", TRAIN, "-c", TEST, COLUMNS, "--segment", "housing", "--segment",
                "purpose", "--max-segments", "3", "--min-segment-rows", "20", "--quiet");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("Segments (worst first): 0 of 7 drifted").contains("purpose=(other)");
    }

    @Test
    void shouldCheckAgainstAProfileStoredWithSegmentsAndRefuseOneWithout() {
        Path segmented = dir.resolve("train-segments.json");
        Path plain = dir.resolve("train.json");
        assertThat(CliRun.of("profile", TRAIN, "-o", segmented.toString(), "--segment", "housing", "--quiet")
                .exitCode()).isZero();
        assertThat(CliRun.of("profile", TRAIN, "-o", plain.toString(), "--quiet").exitCode()).isZero();

        CliRun stored = CliRun.of("drift", "-r", segmented.toString(), "-c", drifted, COLUMNS, "--segment",
                "housing", "--quiet");
        CliRun refused = CliRun.of("drift", "-r", plain.toString(), "-c", drifted, COLUMNS, "--segment",
                "housing", "--quiet");

        assertThat(stored.exitCode()).as(stored.err()).isEqualTo(1);
        assertThat(stored.out()).contains("DRIFT  housing=rent");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("no segments for column 'housing'")
                .contains("mlstages profile --segment housing");
    }

    @Test
    void shouldCheckARegisteredModelTrainedWithSegmentsAndSayHowWhenItWasNot() {
        Path registry = dir.resolve("registry");
        for (String name : List.of("segmented", "plain")) {
            Path pkg = dir.resolve("pkg-" + name);
            List<String> train = new ArrayList<>(List.of("train", "-d", TRAIN, "-t", "class", "-a", "logistic",
                    "-o", pkg.toString(), "--quiet"));
            if (name.equals("segmented")) {
                train.addAll(List.of("--segment", "housing", "--segment", "purpose"));
            }
            CliRun trained = CliRun.of(train.toArray(String[]::new));
            assertThat(trained.exitCode()).as(trained.err()).isZero();
            Registry.open(registry).register(name, pkg, new Actor("tester", null), "german credit");
            CliRun deployed = CliRun.of("deploy", "--registry", registry.toString(), "--model", name, "--version",
                    "1", "--force", "--quiet");
            assertThat(deployed.exitCode()).as(deployed.err()).isZero();
        }

        CliRun segmented = CliRun.of("check", "--registry", registry.toString(), "--model", "segmented",
                "--current", drifted, "--segment", "housing", "--drift-share", "0.1", "-q");
        CliRun plain = CliRun.of("check", "--registry", registry.toString(), "--model", "plain", "--current",
                drifted, "--segment", "housing", "--drift-share", "0.1", "-q");
        CliRun unknown = CliRun.of("train", "-d", TRAIN, "-t", "class", "-a", "logistic", "-o",
                dir.resolve("pkg-unknown").toString(), "--segment", "region", "--quiet");

        // 2 of the 20 features drifted in the rent segment: a share of 0.1
        assertThat(segmented.exitCode()).as(segmented.err() + segmented.out()).isEqualTo(1);
        assertThat(segmented.out()).contains("DRIFT  housing=rent");
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).contains("no segments for column 'housing'")
                .contains("mlstages train --segment housing");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("german-credit-train.csv").contains("segment column 'region' is not in "
                + "the data");
    }

    @Test
    void shouldRefuseASegmentColumnTheDataDoesNotHaveAndAnEmptyLimit() {
        CliRun unknown = CliRun.of("drift", "-r", TRAIN, "-c", TEST, "--segment", "region", "--quiet");
        CliRun zero = CliRun.of("drift", "-r", TRAIN, "-c", TEST, "--segment", "housing", "--max-segments", "0",
                "--quiet");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("segment column 'region' is not in the data");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--max-segments");
    }
}
