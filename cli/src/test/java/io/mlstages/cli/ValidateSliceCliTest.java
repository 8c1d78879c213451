package io.mlstages.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate --slice} and {@code --html} on the German credit split (UCI, CC BY 4.0): a gradient-boosted model
 * that passes its overall floor fails for the youngest applicants, and bad slice options exit 2 naming the option.
 */
class ValidateSliceCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("credit");
        CliRun run = CliRun.of("train", "--data", DATA.resolve("german-credit-train.csv").toString(), "--target",
                "class", "--algorithm", "gbt", "-o", model.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static CliRun validate(final String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[] {"validate", "--model", model.toString(), "--data",
            DATA.resolve("german-credit-test.csv").toString(), "--no-bless"}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return CliRun.of(args);
    }

    @Test
    void shouldExitOneWhenASliceFailsAndWriteThePage() throws IOException {
        Path html = dir.resolve("validation.html");
        CliRun run = validate("--min", "accuracy=0.7", "--slice", "age", "--min-slice", "accuracy=0.7", "--html",
                html.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED: ", "FAIL min accuracy per slice of age: accuracy misses the minimum "
                + "0.7 in 1 of 4 judged slices of age: age=[19, 26) 0.673469 (49 rows)",
                "explanation (tree-shap: mean |contribution| to the log-odds, 250 rows):",
                "slices (worst first): 1 of 4 fails a slice gate").doesNotContain("FAIL min accuracy: ");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy", "default-src &#39;none&#39;",
                "Validation failed: ", "<section id=\"explanation\">", "<td>checking_status</td>",
                "<section id=\"slices\">", "<span class=\"badge drift\">FAIL min accuracy</span>")
                .doesNotContain("<script");
    }

    @Test
    void shouldLeaveTheBreakdownOutWithNoExplainAndKeepItByDefault() throws IOException {
        Path explained = dir.resolve("explained.json");
        Path plain = dir.resolve("plain.json");
        CliRun byDefault = validate("--min", "accuracy=0.7", "--json", explained.toString());
        CliRun run = validate("--min", "accuracy=0.7", "--no-explain", "--json", plain.toString());

        assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(byDefault.out()).contains("explanation (tree-shap");
        assertThat(run.out()).doesNotContain("explanation").contains("PASSED");
        assertThat(Files.readString(explained)).contains("\"breakdown\"");
        assertThat(Files.readString(plain)).doesNotContain("\"breakdown\"").contains("\"min accuracy\"");
    }

    @Test
    void shouldRefuseSliceOptionsThatCannotWorkNamingTheOption() {
        CliRun noColumn = validate("--min-slice", "accuracy=0.8");
        assertThat(noColumn.exitCode()).isEqualTo(2);
        assertThat(noColumn.err()).contains("--min-slice and --max-slice gate slices: give the column to slice by "
                + "with --slice COLUMN");

        CliRun absent = validate("--slice", "income");
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).contains("german-credit-test.csv", "'income' is not in the data");

        CliRun malformed = validate("--slice", "age", "--max-slice", "log_loss");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("--max-slice log_loss: expected METRIC=VALUE");

        CliRun rows = validate("--slice", "age", "--min-slice-rows", "0");
        assertThat(rows.exitCode()).isEqualTo(2);
        assertThat(rows.err()).contains("--min-slice-rows");
    }
}
