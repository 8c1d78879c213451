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
 * Constraints from the command line: {@code profile --suggest-constraints} writes a schema, {@code drift --schema}
 * passes the data it came from (exit 0) and flags a damaged copy (exit 1), a bad schema file is exit 2 naming the
 * file, line and column.
 */
class ConstraintsCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final Path Y2002 = DATA.resolve("chicago-2002.csv");

    @TempDir
    Path dir;

    private Path suggest() {
        Path schema = dir.resolve("schema.json");
        CliRun run = CliRun.of("profile", Y2002.toString(), "-o", dir.resolve("profile.json").toString(),
                "--suggest-constraints", schema.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Suggested constraints for 21 of 21 columns -> " + schema);
        return schema;
    }

    @Test
    void shouldSuggestASchemaThatTheSameDataMeetsAndADamagedCopyBreaks() throws IOException {
        Path schema = suggest();
        JsonNode written = new ObjectMapper().readTree(schema.toFile());
        assertThat(written.path("columns").get(0).path("constraints").path("unique").asBoolean()).isTrue();

        CliRun clean = CliRun.of("drift", "--reference", Y2002.toString(), "--current", Y2002.toString(),
                "--schema", schema.toString());
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).containsPattern("Constraints: (\\d+) of \\1 passed");

        List<String> lines = Files.readAllLines(Y2002);
        lines.set(20, lines.get(20).replace(",Mon,", ",Funday,").replace(",Tue,", ",Funday,")
                .replace(",Wed,", ",Funday,").replace(",Thu,", ",Funday,").replace(",Fri,", ",Funday,")
                .replace(",Sat,", ",Funday,").replace(",Sun,", ",Funday,"));
        Path damaged = dir.resolve("damaged.csv");
        Files.write(damaged, lines);
        Path json = dir.resolve("drift.json");
        Path html = dir.resolve("drift.html");
        CliRun broken = CliRun.of("drift", "--reference", Y2002.toString(), "--current", damaged.toString(),
                "--schema", schema.toString(), "--json", json.toString(), "--html", html.toString());
        assertThat(broken.exitCode()).as("a violation is a finding").isEqualTo(1);
        assertThat(broken.out()).contains("No dataset drift").contains("CONSTRAINTS VIOLATED: ").contains("day_of_week: allowed one of 7 values: "
                + "1 value outside in 365 rows; e.g. damaged.csv:21: Funday");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("constraints").path("violated").asInt()).isEqualTo(1);
        // the page's headline must not read as a clean check when only constraints failed
        String page = Files.readString(html);
        assertThat(page).contains("<strong id=\"verdict-text\">Constraints violated, no dataset drift</strong>")
                .contains("<div class=\"verdict drift\" id=\"verdict\">").doesNotContain(">No dataset drift<");
    }

    @Test
    void shouldRefuseAnUnknownConstraintWithExitTwoNamingFileLineAndColumn() throws IOException {
        Path schema = dir.resolve("typo.json");
        Files.writeString(schema, """
                {"columns": [
                  {"name": "x", "type": "numeric",
                   "constraints": {"minimum": 0}}
                ]}
                """);
        CliRun run = CliRun.of("drift", "--reference", Y2002.toString(), "--current", Y2002.toString(),
                "--schema", schema.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(schema + ", line 3, column 'x': columns[0] ('x'): unknown constraint "
                + "\"minimum\"");
    }
}
