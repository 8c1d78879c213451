package io.mlstages.usecase;

import io.mlstages.data.ReadOptions;
import io.mlstages.data.Schema;
import io.mlstages.profile.ConstraintSuggestions;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.report.ValidationReportJson;
import io.mlstages.validate.Blessing;
import io.mlstages.validate.Gate;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ValidationException;
import io.mlstages.validate.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Constraints of the evaluation data as validation gates, on the Chicago ridership model's 2008 test days. */
class ValidationConstraintsTest {
    private static final String TEST = "chicago-ridership-test.csv";

    @TempDir
    Path temp;

    private static Validation.Request request(final Path model, final Path data, final Schema schema,
            final Path json, final Path junit) {
        return request(model, data, schema, json, junit, List.of(Gate.parseMin("r2=0.5")));
    }

    private static Validation.Request request(final Path model, final Path data, final Schema schema,
            final Path json, final Path junit, final List<Gate> gates) {
        // without the data gates: 2008 drifted from the training years, which is not what this test is about
        return new Validation.Request(model, null, data, gates, List.of(), null, false,
                Validation.DEFAULT_MAX_MISSING_RATE, null, ReadOptions.defaults().withSchema(schema), null, json,
                junit, true);
    }

    private static Schema suggested() {
        return ConstraintSuggestions.suggest(Profiles.of(Chicago.dataset(TEST), ReadOptions.defaults(),
                ProfileSettings.defaults()));
    }

    @Test
    void shouldPassConstraintGatesOnTheDataTheyWereSuggestedFrom() {
        Path model = Chicago.train(temp, "chicago-ridership-train.csv");
        ValidationReport report = Validation.run(request(model, Chicago.dataset(TEST), suggested(), null, null))
                .report();
        assertThat(report.passed()).as(report.failed().toString()).isTrue();
        assertThat(report.gates()).extracting(GateResult::name).contains("constraint unique of date",
                "constraint min of ridership", "constraint allowed of day_of_week");
        assertThat(report.constraints().rows()).isEqualTo(366);
    }

    @Test
    void shouldValidateWithConstraintsAloneAndStillRefuseNothingToCheck() {
        Path model = Chicago.train(temp, "chicago-ridership-train.csv");
        ValidationReport report = Validation.run(request(model, Chicago.dataset(TEST), suggested(), null, null,
                List.of())).report();
        assertThat(report.passed()).as(report.failed().toString()).isTrue();
        assertThat(report.gates()).isNotEmpty().allMatch(g -> g.kind() == GateResult.Kind.DATA);

        Schema typesOnly = new Schema(suggested().columns());
        assertThatThrownBy(() -> Validation.run(request(model, Chicago.dataset(TEST), typesOnly, null, null,
                List.of()))).isInstanceOf(ValidationException.class).hasMessageStartingWith("Nothing to validate");
    }

    @Test
    void shouldFailTheValidationOnABrokenConstraintAndRemoveTheBlessing() throws IOException {
        Path model = Chicago.train(temp, "chicago-ridership-train.csv");
        Schema schema = suggested();
        List<String> lines = new ArrayList<>(Files.readAllLines(Chicago.dataset(TEST), StandardCharsets.UTF_8));
        lines.set(4, lines.get(3).substring(0, 10) + lines.get(4).substring(10)); // line 5 repeats line 4's date
        lines.set(9, lines.get(9).replaceFirst("^([^,]*),[^,]*,", "$1,-50,")); // line 10: a negative ridership
        Path damaged = temp.resolve("damaged.csv");
        Files.write(damaged, lines, StandardCharsets.UTF_8);
        Path json = temp.resolve("validation.json");
        Path junit = temp.resolve("validation.xml");

        Validation.Result result = Validation.run(request(model, damaged, schema, json, junit));

        ValidationReport report = result.report();
        assertThat(report.passed()).isFalse();
        assertThat(report.failed()).extracting(GateResult::name).containsExactly("constraint unique of date",
                "constraint min of ridership");
        GateResult min = report.failed().get(1);
        assertThat(min.kind()).isEqualTo(GateResult.Kind.DATA);
        assertThat(min.value()).isEqualTo(1);
        assertThat(min.message()).isEqualTo("ridership: min >= 0: 1 value outside in 366 rows (smallest -50); "
                + "e.g. damaged.csv:10: -50");
        assertThat(report.failed().get(0).message()).contains("damaged.csv:5: " + lines.get(3).substring(0, 10)
                + " (first at line 4)");
        assertThat(result.blessing()).isEmpty();
        assertThat(model.resolve(Blessing.FILE_NAME)).doesNotExist();
        assertThat(ValidationReportJson.read(json)).isEqualTo(report);
        assertThat(Files.readString(junit)).contains("classname=\"validation.data\" name=\"constraint min of "
                + "ridership\"");
    }
}
