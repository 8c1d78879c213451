package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --multivariate} (issue 13): Seattle's weather with the daily lows shuffled across days keeps every
 * column's values but breaks the link of lows and highs. Without the flag the check is clean; with it, the
 * domain classifier's drift is dataset drift (exit 1) in every report form, naming the two temperatures.
 */
class MultivariateCliTest {
    private static final Path SEATTLE = Path.of("../test-resources/datasets/seattle-weather.csv");
    private static final Path PROFILE = Path.of("../test-resources/profiles/v1/chicago-2002.json");

    @TempDir
    Path dir;

    @Test
    void aBrokenCorrelationIsDatasetDriftInEveryForm() throws IOException {
        Path current = shuffledLows();
        CliRun plain = CliRun.of("drift", "--reference", SEATTLE.toString(), "--current", current.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).doesNotContain("Multivariate");

        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("drift", "--reference", SEATTLE.toString(), "--current", current.toString(),
                "--multivariate", "--json", json.toString(), "--junit", junit.toString(), "--html", html.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("DATASET DRIFT: 0 of 5 feature columns drifted")
                .contains("Multivariate (domain classifier): DRIFT (counts as dataset drift)", "separated by: temp_");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("datasetDrift").asBoolean()).isTrue();
        JsonNode multivariate = root.get("multivariate");
        assertThat(multivariate.get("drift").asBoolean()).isTrue();
        assertThat(multivariate.get("auc").asDouble()).isGreaterThan(0.7);
        assertThat(multivariate.get("aucFloor").asDouble()).isEqualTo(0.55);
        assertThat(List.of(multivariate.get("features").get(0).get("name").asText(),
                multivariate.get("features").get(1).get("name").asText()))
                .containsExactlyInAnyOrder("temp_max", "temp_min");
        assertThat(Files.readString(junit)).contains("classname=\"drift.multivariate\"",
                "name=\"domain classifier\"", "<failure");
        assertThat(Files.readString(html)).contains("id=\"multivariate\"", "Multivariate drift (domain classifier)",
                "id=\"multivariate-features\"");

        CliRun strict = CliRun.of("drift", "--reference", SEATTLE.toString(), "--current", current.toString(),
                "--multivariate", "--multivariate-auc-floor", "0.99", "--multivariate-sample", "500",
                "--multivariate-folds", "3");
        assertThat(strict.exitCode()).as(strict.err()).isZero();
        assertThat(strict.out()).contains("Multivariate (domain classifier): no drift", "3-fold, 500 reference + 500 "
                + "current rows sampled", "below the floor 0.990");
    }

    @Test
    void aStoredProfileOrARegisteredModelIsRefusedWithAReason() {
        CliRun run = CliRun.of("drift", "--reference", PROFILE.toString(), "--current", SEATTLE.toString(),
                "--multivariate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("chicago-2002.json has no rows, only a profile",
                "give the reference as a CSV or JSON Lines dataset");

        CliRun check = CliRun.of("check", "--registry", dir.resolve("registry").toString(), "--model", "m",
                "--current", SEATTLE.toString(), "--multivariate");
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.err()).contains("a registered model's reference (its training profile) has no rows");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        for (List<String> bad : List.of(List.of("--multivariate-auc-floor", "0.4"),
                List.of("--multivariate-auc-floor", "1.5"), List.of("--multivariate-auc-floor", "high"),
                List.of("--multivariate-folds", "1"), List.of("--multivariate-folds", "21"),
                List.of("--multivariate-sample", "5"), List.of("--multivariate-sample", "2000000"))) {
            List<String> args = new ArrayList<>(List.of("drift", "--reference", SEATTLE.toString(), "--current",
                    SEATTLE.toString(), "--multivariate"));
            args.addAll(bad);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s: %s", bad, run.err()).isEqualTo(2);
            assertThat(run.err()).as("%s", bad).contains(bad.get(0));
        }
        CliRun alone = CliRun.of("drift", "--reference", SEATTLE.toString(), "--current", SEATTLE.toString(),
                "--multivariate-auc-floor", "0.6");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("only apply with --multivariate");
    }

    private Path shuffledLows() throws IOException {
        List<String> lines = Files.readAllLines(SEATTLE);
        int at = List.of(lines.get(0).split(",")).indexOf("temp_min");
        List<String> lows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            lows.add(line.split(",", -1)[at]);
        }
        Collections.shuffle(lows, new Random(7));
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[at] = lows.get(i - 1);
            csv.append(String.join(",", cells)).append('\n');
        }
        Path file = dir.resolve("seattle-lows-shuffled.csv");
        Files.writeString(file, csv);
        return file;
    }
}
