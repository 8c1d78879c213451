package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/jenkins.md's parameter tables are what {@link #table} makes of {@link StepCatalog}, byte for byte: each
 * step's table (under its {@code ### `name`} heading, from the header row to the last row) is regenerated and
 * compared. {@code -Dmlstages.regenerate=true} (the command in {@link PluginShellGenerator#REGENERATE}) rewrites them.
 */
class DocsParametersTest {
    private static final String HEADER = "| parameter | type | CLI option | what it does |\n|---|---|---|---|\n";

    @Test
    void shouldDocumentEveryParameterOfEveryStepAsTheCatalogSays() throws IOException {
        Path docs = RepositoryRoot.find().resolve("docs/jenkins.md");
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("mlstages.regenerate")) {
            text = regenerated(text);
            Files.writeString(docs, text, StandardCharsets.UTF_8);
        }

        List<String> problems = new ArrayList<>();
        for (StepSpec step : documented()) {
            String found = tableOf(text, step.functionName());
            if (found == null) {
                problems.add("no table under ### `" + step.functionName() + "`");
            }
            else if (!found.equals(table(step))) {
                problems.add("the table of " + step.functionName() + " differs from the catalog's");
            }
        }
        assertThat(problems).as("docs/jenkins.md; regenerate with: " + PluginShellGenerator.REGENERATE).isEmpty();
        assertThat(text).contains("`" + StepCatalog.DRIFT_CHECK_BUILDER + "` (the freestyle build step) takes the "
                + "same parameters as `" + StepCatalog.CHECK_DRIFT + "`");
        assertThat(StepCatalog.step(StepCatalog.DRIFT_CHECK_BUILDER).parameters())
                .isEqualTo(StepCatalog.step(StepCatalog.CHECK_DRIFT).parameters());
    }

    @Test
    void shouldWriteARowWithTheKindTheOptionTheHelpAndTheRule() {
        String table = table(StepCatalog.step(StepCatalog.CHECK_DRIFT));

        assertThat(table).startsWith(HEADER)
                .contains("| `current` | string, required | `--current` | The current data: ")
                .contains("| `coolDown` | string | `--cool-down` | No second retrain within this time unless severity "
                        + "rose (default 6h). (with `model`) |\n")
                .contains("| `onDrift` | choice | plugin | ");
        assertThat(tableOf("### `x`: X\n\ntext\n\n" + HEADER + "| `a` | flag | plugin | A. |\n\nGive it.\n", "x"))
                .isEqualTo(HEADER + "| `a` | flag | plugin | A. |\n");
    }

    /** The steps with a table: all but the build step, which the page documents as taking checkDrift's. */
    private static List<StepSpec> documented() {
        return StepCatalog.steps().stream().filter(s -> !s.functionName().equals(StepCatalog.DRIFT_CHECK_BUILDER))
                .toList();
    }

    /** A step's table: the header and a row per parameter, in catalog order. */
    static String table(final StepSpec step) {
        return HEADER + step.parameters().stream().map(p -> "| `" + p.name() + "` | " + p.kind().label()
                + (p.required() ? ", required" : "") + " | " + (p.option() == null ? "plugin" : "`" + p.option() + "`")
                + " | " + p.help().replace("|", "\\|") + (p.requires() == null ? "" : " (with `" + p.requires() + "`)")
                + " |\n").collect(Collectors.joining());
    }

    /** The table under {@code ### `name`}: from its header row to the last row that follows, or null. */
    static String tableOf(final String text, final String name) {
        int heading = text.indexOf("### `" + name + "`");
        int start = heading < 0 ? -1 : text.indexOf(HEADER, heading);
        int next = heading < 0 ? -1 : text.indexOf("\n#", heading + 1);
        if (start < 0 || next >= 0 && start > next) {
            return null;
        }
        int end = start + HEADER.length();
        while (end < text.length() && text.startsWith("| `", end)) {
            int newline = text.indexOf('\n', end);
            end = newline < 0 ? text.length() : newline + 1;
        }
        return text.substring(start, end);
    }

    private static String regenerated(final String text) {
        String result = text;
        for (StepSpec step : documented()) {
            String old = tableOf(result, step.functionName());
            if (old != null) {
                int at = result.indexOf(old, result.indexOf("### `" + step.functionName() + "`"));
                result = result.substring(0, at) + table(step) + result.substring(at + old.length());
            }
        }
        return result;
    }
}
