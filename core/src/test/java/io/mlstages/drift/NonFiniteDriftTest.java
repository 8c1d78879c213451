package io.mlstages.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.report.DriftHtml;
import io.mlstages.report.DriftJUnit;
import io.mlstages.report.DriftReportJson;
import io.mlstages.report.DriftTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Non-finite values are a drift signal (issue 11, item 9): on the real Chicago 2008 days, a numeric column that
 * turns into +Infinity (an upstream overflow writing 1e400) or NaN kept as data used to be "ok" with score 0,
 * because the distribution test leaves such values out. Its share is now compared as the missing rate is.
 */
class NonFiniteDriftTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** NaN is a missing token by default; without it in the list, NaN is kept as data. */
    private static final ReadOptions NAN_AS_DATA = ReadOptions.defaults().withMissing(Set.of("", "NA"));

    @TempDir
    Path temp;

    private static Path chicago() {
        Path path = Path.of("..", "test-resources", "datasets", "chicago-2008.csv");
        assumeTrue(Files.isRegularFile(path), "data set chicago-2008.csv is not present");
        return path;
    }

    /** Chicago 2008 with the cells of {@code column} replaced by {@code value} in every {@code every}-th row. */
    private Path replaced(final String column, final String value, final int every) throws IOException {
        List<String> lines = Files.readAllLines(chicago());
        List<String> header = List.of(lines.get(0).split(",", -1));
        int at = header.indexOf(column);
        assertThat(at).as(column).isNotNegative();
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            if ((r - 1) % every == 0) {
                cells[at] = value;
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Path file = temp.resolve(column + "-" + every + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    private static DriftReport compare(final Path current, final ReadOptions read, final ProfileSettings settings) {
        // the reference goes through profile.json as a stored one does
        Profile reference = ProfileJson.fromJson(ProfileJson.toJson(Profiles.of(chicago(), read, settings)),
                "reference");
        return DriftDetector.compare(reference, Profiles.of(current, read, settings), DriftOptions.defaults());
    }

    private static ColumnDrift column(final DriftReport report, final String name) {
        return report.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "exactLimit {0}")
    @ValueSource(ints = {10_000, 0})
    void shouldFlagAColumnThatOverflowedToInfinity(final int exactLimit) throws IOException {
        DriftReport report = compare(replaced("temp", "1e400", 1), ReadOptions.defaults(),
                ProfileSettings.defaults().withExactLimit(exactLimit));

        ColumnDrift temp = column(report, "temp");
        assertThat(temp.drift()).isTrue();
        assertThat(temp.nonFiniteDrift()).isTrue();
        assertThat(temp.missingDrift()).isFalse();
        assertThat(temp.referenceNonFiniteRate()).isZero();
        assertThat(temp.currentNonFiniteRate()).isEqualTo(1.0);
        assertThat(temp.note()).contains("non-finite share (NaN, +Infinity, -Infinity) 0.00% -> 100.00% (p=3.3e-161): "
                + "non-finite drift", "current 0 NaN, 366 +Infinity, 0 -Infinity");
        // every other column is the same data
        assertThat(report.drifted()).extracting(ColumnDrift::name).containsExactly("temp");
        assertThat(column(report, "humidity").referenceNonFiniteRate()).isZero();
    }

    @Test
    void shouldFlagNaNKeptAsDataAndNegativeInfinity() throws IOException {
        ColumnDrift nan = column(compare(replaced("humidity", "NaN", 2), NAN_AS_DATA, ProfileSettings.defaults()),
                "humidity");
        assertThat(nan.nonFiniteDrift()).isTrue();
        assertThat(nan.missingDrift()).isFalse();
        assertThat(nan.currentNonFiniteRate()).isCloseTo(0.5, within(0.01));
        assertThat(nan.note()).contains("current 183 NaN, 0 +Infinity, 0 -Infinity");

        ColumnDrift negative = column(compare(replaced("pressure", "-1e999", 4), ReadOptions.defaults(),
                ProfileSettings.defaults()), "pressure");
        assertThat(negative.nonFiniteDrift()).isTrue();
        assertThat(negative.currentNonFiniteRate()).isCloseTo(0.25, within(0.01));
    }

    @Test
    void shouldNoteButNotFlagAChangeBelowTheFloorOrWhenDisabled() throws IOException {
        // 1 day in 20: 5 points, significant on 366 rows but below the 10-point floor
        Path few = replaced("temp", "Infinity", 20);
        ColumnDrift small = column(compare(few, ReadOptions.defaults(), ProfileSettings.defaults()), "temp");
        assertThat(small.nonFiniteDrift()).isFalse();
        assertThat(small.drift()).isFalse();
        assertThat(small.note()).contains("-> 5.19%").contains("change below the floor 0.100");

        Profile reference = Profiles.of(chicago(), ReadOptions.defaults(), ProfileSettings.defaults());
        Profile all = Profiles.of(replaced("temp", "1e400", 1), ReadOptions.defaults(), ProfileSettings.defaults());
        ColumnDrift disabled = column(DriftDetector.compare(reference, all,
                DriftOptions.defaults().withMissingRateDrift(false)), "temp");
        assertThat(disabled.drift()).isFalse();
        assertThat(disabled.note()).contains("non-finite drift disabled");
    }

    @Test
    void shouldShowTheFindingInEveryReportForm() throws IOException {
        DriftReport report = compare(replaced("temp", "1e400", 1), ReadOptions.defaults(),
                ProfileSettings.defaults());

        String text = DriftTable.toText(report);
        assertThat(text).contains("non-finite ref→cur");
        assertThat(text.lines().filter(l -> l.startsWith("temp ")).findFirst().orElseThrow())
                .contains("0.0%→100.0%", "DRIFT (non-finite)");

        JsonNode json = DriftReportJson.toJson(report);
        JsonNode temp = column(json, "temp");
        assertThat(temp.get("nonFiniteDrift").asBoolean()).isTrue();
        assertThat(temp.get("drift").asBoolean()).isTrue();
        assertThat(temp.get("currentNonFiniteRate").doubleValue()).isEqualTo(1.0);
        assertThat(column(json, "day_of_week").get("currentNonFiniteRate").isNull()).isTrue();
        assertThat(DriftReportJson.fromJson(json, "report")).isEqualTo(report);

        String xml = DriftJUnit.toXml(report);
        assertThat(xml).contains("<failure type=\"drift\" message=\"non-finite share (NaN, +Infinity, -Infinity) changed from "
                + "0.0% to 100.0%\"");
        assertThat(xml).contains("non-finite share (NaN, +Infinity, -Infinity): 0.0% -&gt; 100.0%");

        String html = DriftHtml.toHtml(report, null, null, null);
        assertThat(html).contains("DRIFT (non-finite values)")
                .contains("<th scope=\"row\">Non-finite share</th><td>0.0% → 100.0% (NaN, +Infinity, -Infinity) "
                        + "(drifted)</td>");
    }

    @Test
    void shouldReadAReportWrittenBeforeNonFiniteSharesExisted() throws IOException {
        DriftReport report = compare(replaced("temp", "1e400", 1), ReadOptions.defaults(),
                ProfileSettings.defaults());
        ObjectNode json = DriftReportJson.toJson(report);
        json.get("columns").forEach(c -> ((ObjectNode) c).remove(List.of("referenceNonFiniteRate",
                "currentNonFiniteRate", "nonFiniteDrift")));

        DriftReport old = DriftReportJson.fromJson(JSON.readTree(json.toString()), "old report");

        ColumnDrift temp = column(old, "temp");
        assertThat(temp.drift()).isTrue();
        assertThat(temp.nonFiniteDrift()).isFalse();
        assertThat(temp.referenceNonFiniteRate()).isNaN();
        // the text form still renders, without the non-finite column it has no figures for
        assertThat(DriftTable.toText(old)).doesNotContain("non-finite ref→cur").contains("temp");
    }

    private static JsonNode column(final JsonNode report, final String name) {
        for (JsonNode column : report.get("columns")) {
            if (column.get("name").asText().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
