package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The constraints section as the build page takes it from the bound drift report document. */
class ConstraintsViewTest {
    /** The committed version-1 Chicago drift report with the constraints section the command line writes. */
    private static String withConstraints() throws IOException {
        String report = Files.readString(Path.of("..", "test-resources", "reports", "v1", "drift-chicago.json"),
                StandardCharsets.UTF_8);
        String constraints = """
                "constraints" : { "rows" : 366, "violated" : 1, "checks" : [ {
                  "column" : "ridership", "constraint" : "min", "expected" : ">= 0", "passed" : false, "count" : 3,
                  "observed" : -50.0, "exact" : true, "note" : null,
                  "examples" : [ { "file" : "live.csv", "line" : 11, "value" : "-50" } ] }, {
                  "column" : "day_of_week", "constraint" : "allowed", "expected" : "one of 7 values",
                  "passed" : true, "count" : 0, "observed" : null, "exact" : true, "note" : null, "examples" : [ ] } ] },
                """;
        return report.replaceFirst("\"columns\" :", constraints.replace("$", "\\$") + "\"columns\" :");
    }

    @Test
    void shouldListTheViolatedConstraintWithItsExampleAndCountEveryCheck() throws IOException {
        DriftView view = DriftView.parse(withConstraints(), "drift.json");

        assertThat(view.constraints().checked()).isEqualTo(2);
        assertThat(view.constraints().violated()).isEqualTo(1);
        assertThat(view.constraints().failed()).containsExactly(
                "ridership: min >= 0: 3 in 366 rows; e.g. live.csv:11: -50");
        assertThat(view.constraints().note()).isEqualTo("Constraints: 1 of 2 violated");
    }

    @Test
    void shouldShowNoConstraintsForAReportWithout() throws IOException {
        DriftView view = DriftView.parse(Files.readString(Path.of("..", "test-resources", "reports", "v1",
                "drift-chicago.json"), StandardCharsets.UTF_8), "drift.json");

        assertThat(view.constraints()).isEqualTo(ConstraintsView.none());
        assertThat(view.constraints().note()).isEmpty();
    }
}
