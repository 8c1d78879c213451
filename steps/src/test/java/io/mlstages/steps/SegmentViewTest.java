package io.mlstages.steps;

import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.SegmentOptions;
import io.mlstages.report.DriftReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkDrift step's {@code segments} parameter and the build page's view of a real check per segment: the German
 * credit splits, the current split's "rent" rows drifted and renamed to a value with markup, control characters
 * and 200 characters.
 */
class SegmentViewTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    static final String HOSTILE = "<b>rent</b>\u0007" + "R".repeat(200);

    /** The report JSON of the drift check per housing segment, as the step's child JVM writes it. */
    static String report(final Path dir) throws IOException {
        Path reference = renamed(DATA.resolve("german-credit-train.csv"), dir.resolve("train.csv"), false);
        Path current = renamed(DATA.resolve("german-credit-test.csv"), dir.resolve("test.csv"), true);
        DriftOptions options = DriftOptions.defaults().withColumns(List.of("duration", "credit_amount", "age"))
                .withSegments(SegmentOptions.of(List.of("housing")));
        return DriftReportJson.toString(DriftCheck.run(new DriftCheck.Request(reference, List.of(current), options,
                null, null, null)).report());
    }

    private static Path renamed(final Path source, final Path target, final boolean drift) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            if (row[header.indexOf("housing")].equals("rent")) {
                row[header.indexOf("housing")] = HOSTILE;
                if (drift) {
                    int amount = header.indexOf("credit_amount");
                    int duration = header.indexOf("duration");
                    row[amount] = Integer.toString(Integer.parseInt(row[amount]) * 3);
                    row[duration] = Integer.toString(Integer.parseInt(row[duration]) + 24);
                }
            }
            out.add(String.join(",", row));
        }
        return Files.write(target, out, StandardCharsets.UTF_8);
    }

    @Test
    void shouldPassEachSegmentColumnAsAnOption() {
        Invocation check = Invocation.of(StepCatalog.step(StepCatalog.CHECK_DRIFT), Map.of("current", "live.csv",
                "reference", "train.csv", "segments", "region, channel"), null, ".mlstages/checkDrift-1/");

        assertThat(check.arguments()).contains("--segment=region", "--segment=channel");
    }

    @Test
    void shouldListTheSegmentsWorstFirstWithTheHostileValueCutAndCleaned(@TempDir final Path dir) throws IOException {
        DriftView view = DriftView.parse(report(dir), "drift.json");

        assertThat(view.datasetDrift()).isTrue();
        assertThat(view.segments()).extracting(SegmentView::verdict).containsExactly("drift", "ok", "too few rows");
        SegmentView first = view.segments().get(0);
        assertThat(first.name()).startsWith("housing=<b>rent</b>?RRR").endsWith("... (212 characters)")
                .doesNotContain("\u0007").hasSizeLessThan(100);
        assertThat(first.drift()).isTrue();
        assertThat(first.referenceRows()).isEqualTo(134);
        assertThat(first.currentRows()).isEqualTo(45);
        assertThat(first.driftedColumns()).isEqualTo("duration, credit_amount");
        assertThat(first.driftShare()).isEqualTo("67%");
        assertThat(view.segments().get(2).driftShare()).isEmpty();
        assertThat(view.segmentsNote()).startsWith("1 of 3 segments drifted: housing=<b>rent</b>?");
    }

    @Test
    void shouldHaveNoSegmentsForACheckWithoutThem() {
        DriftView view = DriftView.parse("{\"kind\":\"mlstages-drift-report\",\"schemaVersion\":1,\"columns\":[],"
                + "\"datasetDrift\":false}", "old.json");

        assertThat(view.segments()).isEmpty();
        assertThat(view.segmentsNote()).isEmpty();
    }
}
