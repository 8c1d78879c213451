package io.mlstages.drift;

import io.mlstages.TestData;
import io.mlstages.data.ColumnConstraints;
import io.mlstages.data.ConstraintViolations;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.Schema;
import io.mlstages.data.SchemaFile;
import io.mlstages.profile.ConstraintSuggestions;
import io.mlstages.profile.NumericSummary;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.report.DriftHtml;
import io.mlstages.report.DriftJUnit;
import io.mlstages.report.DriftReportJson;
import io.mlstages.report.DriftTable;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Constraints end to end on the Chicago 2002 data: suggested from it, met by it, and broken by a damaged copy
 * (a value out of range, an unseen category, missing cells, a repeated date, a date in another format).
 */
class DriftConstraintsTest {
    private static final Path Y2002 = TestData.dataset("chicago-2002.csv");
    private static final String HOSTILE = "<script>alert(1)</script>" + "x".repeat(100);

    @TempDir
    Path temp;

    /** The suggested schema, with the one constraint no rule suggests: the date's pattern. */
    private Schema schema() {
        Schema suggested = ConstraintSuggestions.suggest(Profiles.of(Y2002, ReadOptions.defaults(),
                ProfileSettings.defaults()));
        Map<String, ColumnConstraints> constraints = new LinkedHashMap<>(suggested.constraints());
        ColumnConstraints date = constraints.get("date");
        constraints.put("date", new ColumnConstraints(null, null, null, date.notNull(), null, date.unique(), null,
                "\\d{4}-\\d{2}-\\d{2}"));
        Schema schema = new Schema(suggested.columns(), constraints);
        Path file = temp.resolve("schema.json");
        SchemaFile.write(file, schema);
        return SchemaFile.read(file); // through the file, as a user would commit it
    }

    @Test
    void shouldSuggestConstraintsByTheDocumentedRules() {
        Profile profile = Profiles.of(Y2002, ReadOptions.defaults(), ProfileSettings.defaults());
        Schema suggested = ConstraintSuggestions.suggest(profile);
        NumericSummary observed = profile.column("ridership").orElseThrow().numeric();
        double width = observed.max() - observed.min();
        SoftAssertions soft = new SoftAssertions();
        ColumnConstraints date = suggested.constraintsOf("date");
        soft.assertThat(date.unique()).as("every date once").isTrue();
        soft.assertThat(date.notNull()).isTrue();
        soft.assertThat(date.allowed()).as("365 values are no category list").isNull();
        soft.assertThat(suggested.constraintsOf("day_of_week").allowed())
                .containsExactly("Fri", "Mon", "Sat", "Sun", "Thu", "Tue", "Wed");
        soft.assertThat(suggested.constraintsOf("month").allowed()).hasSize(12);
        ColumnConstraints ridership = suggested.constraintsOf("ridership");
        // widened by a tenth of the range, rounded outward, never below 0 for a non-negative column
        soft.assertThat(observed.min() - 0.1 * width).as("widening alone would cross 0").isNegative();
        soft.assertThat(ridership.min()).isEqualTo(0.0);
        soft.assertThat(ridership.max()).isBetween(observed.max() + 0.1 * width, observed.max() + 0.11 * width);
        soft.assertThat(ridership.unique()).as("a measured quantity is not an identifier").isFalse();
        soft.assertThat(ridership.notNull()).isTrue();
        soft.assertThat(ridership.maxMissingRate()).isNull();
        soft.assertAll();
    }

    @Test
    void shouldPassTheDataTheConstraintsWereSuggestedFrom() {
        Schema schema = schema();
        DriftReport report = DriftCheck.run(new DriftCheck.Request(Y2002, List.of(Y2002), null,
                ReadOptions.defaults().withSchema(schema), null, null)).report();
        assertThat(report.constraints().any()).isTrue();
        assertThat(report.constraints().rows()).isEqualTo(365);
        assertThat(report.constraints().failed()).isEmpty();
        assertThat(report.finding()).isFalse();
        assertThat(report.constraints().checks()).extracting(ConstraintViolations.Check::name)
                .contains("constraint pattern of date", "constraint unique of date", "constraint min of ridership");
    }

    @Test
    void shouldReportEachBrokenConstraintWithCountsAndExamples() throws IOException {
        Path damaged = damagedCopy();
        DriftReport report = DriftCheck.run(new DriftCheck.Request(Y2002, List.of(damaged), null,
                ReadOptions.defaults().withSchema(schema()), null, null)).report();

        assertThat(report.datasetDrift()).as("a few cells do not move the distributions").isFalse();
        assertThat(report.finding()).as("but the violations are a finding").isTrue();
        Map<String, ConstraintViolations.Check> failed = new LinkedHashMap<>();
        report.constraints().failed().forEach(c -> failed.put(c.name(), c));
        assertThat(failed).containsOnlyKeys("constraint min of ridership", "constraint allowed of day_of_week",
                "constraint notNull of temp", "constraint unique of date", "constraint pattern of date");

        SoftAssertions soft = new SoftAssertions();
        ConstraintViolations.Check min = failed.get("constraint min of ridership");
        soft.assertThat(min.count()).isEqualTo(1);
        soft.assertThat(min.observed()).isEqualTo(-50.0);
        soft.assertThat(min.examples()).extracting(Object::toString).containsExactly("damaged.csv:11: -50");
        ConstraintViolations.Check allowed = failed.get("constraint allowed of day_of_week");
        soft.assertThat(allowed.count()).isEqualTo(2);
        soft.assertThat(allowed.examples()).extracting(ConstraintViolations.Example::line).containsExactly(21L, 51L);
        soft.assertThat(allowed.examples().get(0).value()).isEqualTo("Funday");
        soft.assertThat(allowed.examples().get(1).value()).as("bounded: 40 characters and the length")
                .isEqualTo(HOSTILE.substring(0, 40) + "... (125 characters)");
        ConstraintViolations.Check notNull = failed.get("constraint notNull of temp");
        soft.assertThat(notNull.count()).isEqualTo(2);
        soft.assertThat(notNull.observed()).isEqualTo(2.0 / 366);
        soft.assertThat(notNull.examples()).extracting(Object::toString)
                .containsExactly("damaged.csv:31: (missing)", "damaged.csv:32: (missing)");
        ConstraintViolations.Check unique = failed.get("constraint unique of date");
        soft.assertThat(unique.count()).isEqualTo(1);
        soft.assertThat(unique.exact()).isTrue();
        soft.assertThat(unique.examples()).extracting(Object::toString)
                .containsExactly("damaged.csv:367: 2002-01-01 (first at line 2)");
        ConstraintViolations.Check pattern = failed.get("constraint pattern of date");
        soft.assertThat(pattern.count()).isEqualTo(1);
        soft.assertThat(pattern.examples()).extracting(Object::toString).containsExactly("damaged.csv:41: 2002/02/09");
        soft.assertAll();
    }

    @Test
    void shouldShowViolationsInEveryReportFormWithHostileValuesEscaped() throws IOException {
        Path damaged = damagedCopy();
        DriftCheck.Result result = DriftCheck.run(new DriftCheck.Request(Y2002, List.of(damaged), null,
                ReadOptions.defaults().withSchema(schema()), null, null));
        DriftReport report = result.report();

        String text = DriftTable.toText(report);
        assertThat(text).contains("Constraints: ").contains("violated:")
                .contains("ridership: min >= 0: 1 value outside in 366 rows (smallest -50); e.g. damaged.csv:11: -50")
                .doesNotContain("x".repeat(41));

        Path json = temp.resolve("report.json");
        DriftReportJson.write(report, json);
        DriftReport back = DriftReportJson.read(json);
        assertThat(back.constraints()).isEqualTo(report.constraints());
        assertThat(Files.readString(json)).contains("\"constraints\"").contains("\"violated\" : 5");

        String html = Files.readString(writeHtml(result));
        assertThat(html).contains("<table id=\"constraints\">").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");

        String xml = DriftJUnit.toXml(report);
        assertThat(xml).contains("classname=\"drift.constraint\" name=\"day_of_week allowed\"")
                .contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(xml.split("type=\"constraint\"", -1)).hasSize(6);
    }

    @Test
    void shouldLeaveReportsWithoutConstraintsAsTheyWere() {
        DriftReport report = DriftCheck.run(DriftCheck.Request.of(Y2002, List.of(Y2002))).report();
        assertThat(report.constraints().any()).isFalse();
        assertThat(DriftReportJson.toString(report)).doesNotContain("\"constraints\"");
        assertThat(DriftJUnit.toXml(report)).doesNotContain("drift.constraint");
        assertThat(DriftTable.toText(report)).doesNotContain("Constraints");
    }

    private Path writeHtml(final DriftCheck.Result result) {
        Path html = temp.resolve("report.html");
        DriftHtml.write(result.report(), result.reference(), result.current(), html);
        return html;
    }

    /** Chicago 2002 with six damaged cells and a repeated first row; line numbers as in the file (header: 1). */
    private Path damagedCopy() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Y2002, StandardCharsets.UTF_8));
        List<String> header = List.of(lines.get(0).split(","));
        set(lines, header, 11, "ridership", "-50");
        set(lines, header, 21, "day_of_week", "Funday");
        set(lines, header, 51, "day_of_week", HOSTILE);
        set(lines, header, 31, "temp", "");
        set(lines, header, 32, "temp", "NA");
        set(lines, header, 41, "date", "2002/02/09");
        lines.add(lines.get(1));
        Path file = temp.resolve("damaged.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static void set(final List<String> lines, final List<String> header, final int line, final String column,
            final String value) {
        String[] cells = lines.get(line - 1).split(",", -1);
        cells[header.indexOf(column)] = value;
        lines.set(line - 1, String.join(",", cells));
    }
}
