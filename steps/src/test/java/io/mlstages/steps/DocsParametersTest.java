package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/jenkins.md's parameter tables list exactly the catalog's parameters, with its help and options. */
class DocsParametersTest {
    private static final Pattern HEADING = Pattern.compile("^###\\s+`(\\w+)`");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(\\w+)`\\s*\\|([^|]*)\\|([^|]*)\\|(.*)\\|\\s*$");

    @Test
    void shouldDocumentEveryParameterOfEveryStep() throws IOException {
        Map<String, List<String[]>> tables = tables(Files.readAllLines(RepositoryRoot.find().resolve("docs/jenkins.md")));

        for (StepSpec step : StepCatalog.steps()) {
            if (step.functionName().equals(StepCatalog.DRIFT_CHECK_BUILDER)) {
                continue; // documented as "the same parameters as checkDrift", which the catalog guarantees
            }
            assertThat(tables).as("docs/jenkins.md has a table for %s", step.functionName())
                    .containsKey(step.functionName());
            List<String[]> rows = tables.get(step.functionName());
            assertThat(rows.stream().map(r -> r[0]).toList()).as("parameters of %s in docs/jenkins.md",
                    step.functionName()).containsExactlyElementsOf(step.names());
            for (String[] row : rows) {
                Parameter parameter = step.parameter(row[0]).orElseThrow();
                assertThat(row[1]).as("%s.%s type", step.functionName(), row[0])
                        .contains(parameter.kind().label()).contains(parameter.required() ? "required" : "");
                assertThat(row[2]).as("%s.%s option", step.functionName(), row[0])
                        .contains(parameter.option() == null ? "plugin" : "`" + parameter.option() + "`");
                assertThat(row[3].replace("\\|", "|")).as("%s.%s help", step.functionName(), row[0])
                        .contains(parameter.help());
            }
        }
        assertThat(Files.readString(RepositoryRoot.find().resolve("docs/jenkins.md")))
                .contains("`" + StepCatalog.DRIFT_CHECK_BUILDER + "` (the freestyle build step) takes the same "
                        + "parameters as `" + StepCatalog.CHECK_DRIFT + "`");
        assertThat(StepCatalog.step(StepCatalog.DRIFT_CHECK_BUILDER).parameters())
                .isEqualTo(StepCatalog.step(StepCatalog.CHECK_DRIFT).parameters());
    }

    @Test
    void shouldReadTheTablesItChecks() {
        // the parser must see a table, or the test above could pass on a page it cannot read
        Map<String, List<String[]>> tables = tables(List.of("### `trainModel`: Train", "", "| parameter | type |",
                "|---|---|", "| `data` | string, required | `--data` | The data. |", "## next"));
        assertThat(tables.get("trainModel")).hasSize(1);
        assertThat(tables.get("trainModel").get(0)[0]).isEqualTo("data");
    }

    private static Map<String, List<String[]>> tables(final List<String> lines) {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        String current = null;
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.find()) {
                current = heading.group(1);
                tables.put(current, new ArrayList<>());
                continue;
            }
            if (line.startsWith("#")) {
                current = null;
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (current != null && row.matches()) {
                tables.get(current).add(new String[] {row.group(1), row.group(2), row.group(3), row.group(4)});
            }
        }
        return tables;
    }
}
