package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mlstages drift} on Chicago 2008 against itself with one column overflowed to {@code 1e400} (issue 11,
 * item 9): the column is a drift finding in the text, JSON, JUnit and HTML reports, with a note saying why.
 */
class NonFiniteDriftCliTest {
    private static final Path CHICAGO = Path.of("../test-resources/datasets/chicago-2008.csv");

    @TempDir
    Path dir;

    @Test
    void shouldReportAColumnOfInfinitiesAsDriftInEveryForm() throws IOException {
        List<String> lines = Files.readAllLines(CHICAGO);
        int temp = List.of(lines.get(0).split(",")).indexOf("temp");
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            cells[temp] = "1e400";
            csv.append(String.join(",", cells)).append('\n');
        }
        Path overflowed = dir.resolve("overflowed.csv");
        Files.writeString(overflowed, csv);
        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");
        Path html = dir.resolve("report.html");

        CliRun run = CliRun.of("drift", "--reference", CHICAGO.toString(), "--current", overflowed.toString(),
                "--json", json.toString(), "--junit", junit.toString(), "--html", html.toString());

        // one feature of 20 drifted: a column finding, below the dataset's drift share
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("temp ")).findFirst().orElseThrow())
                .contains("0.0%→100.0%", "DRIFT (non-finite)");
        JsonNode column = null;
        for (JsonNode c : new ObjectMapper().readTree(json.toFile()).get("columns")) {
            if (c.get("name").asText().equals("temp")) {
                column = c;
            }
        }
        assertThat(column).isNotNull();
        assertThat(column.get("drift").asBoolean()).isTrue();
        assertThat(column.get("nonFiniteDrift").asBoolean()).isTrue();
        assertThat(column.get("note").asText()).contains("current 0 NaN, 366 +Infinity, 0 -Infinity",
                "non-finite drift");
        assertThat(Files.readString(junit)).contains("name=\"temp\"", "message=\"non-finite share (NaN, +Infinity, "
                + "-Infinity) changed from 0.0% to 100.0%\"");
        assertThat(Files.readString(html)).contains("DRIFT (non-finite values)", "Non-finite share");
    }
}
