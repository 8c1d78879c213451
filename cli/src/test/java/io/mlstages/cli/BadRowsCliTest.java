package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --on-bad-rows skip} from the command line on damaged copies of real data: the drift report lists the
 * skipped rows in text, JSON and HTML; the share limit and fail mode exit 2 naming the file; train and validate
 * say that their metrics cover the rows kept.
 */
class BadRowsCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final Path CHICAGO = DATA.resolve("chicago-2008.csv");

    @TempDir
    Path dir;

    /** A copy of {@code source} with some lines (1-based) replaced. */
    private Path damaged(final Path source, final String name, final Map<Integer, String> replacements)
            throws IOException {
        List<String> lines = Files.readAllLines(source);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(replacements.getOrDefault(i + 1, lines.get(i))).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Chicago 2008 with a short row at line 40 and, at line 80, markup where the temperature should be. */
    private Path damagedChicago() throws IOException {
        List<String> lines = Files.readAllLines(CHICAGO);
        int temp = List.of(lines.get(0).split(",")).indexOf("temp");
        String[] cells = lines.get(79).split(",", -1);
        cells[temp] = "<b>hot</b>";
        Map<Integer, String> damage = new TreeMap<>();
        damage.put(40, "2008-02-08,1.5");
        damage.put(80, String.join(",", cells));
        return damaged(CHICAGO, "chicago-damaged.csv", damage);
    }

    @Test
    void shouldListTheSkippedRowsInTheTextJsonAndHtmlReports() throws IOException {
        Path current = damagedChicago();
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");

        CliRun run = CliRun.of("drift", "--reference", CHICAGO.toString(), "--current", current.toString(),
                "--type", "temp=numeric", "--on-bad-rows", "skip", "--json", json.toString(), "--html",
                html.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Skipped 2 malformed rows:", current + ":40:Austin: the row has 2 fields",
                current + ":80:temp: '<b>hot</b>' is not a number");
        assertThat(run.out()).contains("(364 rows)");
        JsonNode bad = new ObjectMapper().readTree(json.toFile()).get("badRows");
        assertThat(bad.get("total").asLong()).isEqualTo(2);
        assertThat(bad.get("rows").get(0).get("line").asLong()).isEqualTo(40);
        assertThat(bad.get("rows").get(0).get("column").asText()).isEqualTo("Austin");
        assertThat(bad.get("rows").get(1).get("problem").asText()).contains("'<b>hot</b>' is not a number");
        String page = Files.readString(html);
        assertThat(page).contains("<h2>Skipped rows</h2>", "2 malformed rows were skipped",
                "&lt;b&gt;hot&lt;/b&gt;").doesNotContain("<b>hot</b>");
    }

    @Test
    void shouldListTheSkippedRowsInTheCheckReports() throws IOException {
        Path registry = dir.resolve("registry");
        Path pkg = dir.resolve("pkg");
        Trainer.train(CHICAGO, TrainOptions.of(Algorithm.LINEAR, "ridership"), pkg);
        Registry.open(registry).register("ridership", pkg, new Actor("tester", null), "trained on 2008");
        CliRun deploy = CliRun.of("deploy", "--registry", registry.toString(), "--model", "ridership", "--version",
                "1", "--force");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        Path current = damagedChicago();
        Path json = dir.resolve("check.json");
        Path html = dir.resolve("check.html");

        CliRun run = CliRun.of("check", "--registry", registry.toString(), "--model", "ridership", "--current",
                current.toString(), "--type", "temp=numeric", "--on-bad-rows", "skip", "--json", json.toString(),
                "--html", html.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Skipped 2 malformed rows:", current + ":40:Austin:", current + ":80:temp:");
        assertThat(new ObjectMapper().readTree(json.toFile()).get("badRows").get("total").asLong()).isEqualTo(2);
        assertThat(Files.readString(html)).contains("2 malformed rows were skipped");
    }

    @Test
    void shouldFailAtTheFirstBadRowWithoutSkip() throws IOException {
        Path current = damagedChicago();

        CliRun run = CliRun.of("drift", "--reference", CHICAGO.toString(), "--current", current.toString(),
                "--type", "temp=numeric");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(current + ", line 40", "the row has 2 fields");
    }

    @Test
    void shouldFailWithExitCodeTwoWhenTooManyRowsAreBad() throws IOException {
        Path current = damagedChicago();

        CliRun run = CliRun.of("drift", "--reference", CHICAGO.toString(), "--current", current.toString(),
                "--type", "temp=numeric", "--on-bad-rows", "skip", "--max-bad-rows-share", "0.005");

        // 2 of 366 rows: 0.55 %, above 0.50 %
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(current.toString(), "2 of 366 rows (0.55 %) are malformed",
                "0.50 %", "--max-bad-rows-share");
    }

    @Test
    void shouldRefuseAnUnknownModeAndShare() {
        String output = dir.resolve("p.json").toString();
        CliRun mode = CliRun.of("profile", CHICAGO.toString(), "-o", output, "--on-bad-rows", "ignore");
        CliRun share = CliRun.of("profile", CHICAGO.toString(), "-o", output, "--max-bad-rows-share", "2");

        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("--on-bad-rows", "'ignore'", "fail, skip");
        assertThat(share.exitCode()).isEqualTo(2);
        assertThat(share.err()).contains("--max-bad-rows-share", "2.0");
    }

    @Test
    void shouldSayInTheModelThatTrainingSkippedRows() throws IOException {
        Path train = DATA.resolve("breast-cancer-train.csv");
        List<String> lines = Files.readAllLines(train);
        Path data = damaged(train, "breast-cancer-damaged.csv", Map.of(100, lines.get(99) + ",extra"));
        Path model = dir.resolve("model");

        CliRun run = CliRun.of("train", "--data", data.toString(), "--target", "diagnosis", "--algorithm",
                "logistic", "-o", model.toString(), "--on-bad-rows", "skip");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: 1 malformed row of breast-cancer-damaged.csv skipped",
                data + ":100: the row has 32 fields");
        assertThat(Files.readString(model.resolve("model.json"))).contains("1 malformed row of "
                + "breast-cancer-damaged.csv skipped (--on-bad-rows skip)");

        Path test = DATA.resolve("breast-cancer-test.csv");
        Path testData = damaged(test, "test-damaged.csv", Map.of(5, "1.0,2.0"));
        Path report = dir.resolve("validation.json");
        CliRun validate = CliRun.of("validate", "--model", model.toString(), "--data", testData.toString(),
                "--on-bad-rows", "skip", "--no-bless", "--json", report.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("note: the metrics cover the rows that were not skipped",
                "Skipped 1 malformed row:", testData + ":5:");
        JsonNode bad = new ObjectMapper().readTree(report.toFile()).get("badRows");
        assertThat(bad.get("total").asLong()).isEqualTo(1);
        assertThat(bad.get("rows").get(0).get("line").asLong()).isEqualTo(5);
    }
}
