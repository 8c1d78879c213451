package io.mlstages.usecase;

import io.mlstages.TestData;
import io.mlstages.data.DataException;
import io.mlstages.report.ValidationHtml;
import io.mlstages.report.ValidationReportJson;
import io.mlstages.report.ValidationTable;
import io.mlstages.train.Algorithm;
import io.mlstages.train.Explanation;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import io.mlstages.validate.Blessing;
import io.mlstages.validate.Gate;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.Slice;
import io.mlstages.validate.SliceOptions;
import io.mlstages.validate.ValidationException;
import io.mlstages.validate.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Validation per slice on the German credit test split (250 rows) with a gradient-boosted model of its training
 * split: 77 % accurate overall, but 65 % on the youngest quarter of applicants (age 19 to 25).
 */
class ValidationSlicesTest {
    @TempDir
    static Path temp;

    private static Path model;

    @BeforeAll
    static void train() {
        model = temp.resolve("credit");
        Trainer.train(TestData.dataset("german-credit-train.csv"), TrainOptions.of(Algorithm.GBT, "class"), model);
    }

    private static Validation.Request request(final SliceOptions slices, final Path json) {
        return Validation.Request.ofPackage(model, TestData.dataset("german-credit-test.csv"),
                List.of(Gate.parseMin("accuracy=0.7"))).withReports(json, null).withSlices(slices);
    }

    private static SliceOptions slices(final long minRows, final String... bounds) {
        return new SliceOptions(List.of("housing", "age"), java.util.Arrays.stream(bounds).map(SliceOptions::parseMin)
                .toList(), SliceOptions.DEFAULT_MAX_SLICES, minRows);
    }

    @Test
    void shouldFailOnTheYoungestApplicantsAlthoughTheWholeDataPasses() {
        Path json = temp.resolve("sliced.json");
        Validation.Result result = Validation.run(request(slices(SliceOptions.DEFAULT_MIN_ROWS, "accuracy=0.7"),
                json));

        ValidationReport report = result.report();
        assertThat(report.gates().get(0).name()).isEqualTo("min accuracy");
        assertThat(report.gates().get(0).passed()).isTrue();
        assertThat(report.metrics().value(io.mlstages.metrics.Metric.ACCURACY)).isCloseTo(0.748, within(1e-9));
        assertThat(report.passed()).isFalse();
        assertThat(report.failed()).extracting(GateResult::name).containsExactly("min accuracy per slice of age");
        GateResult age = report.failed().get(0);
        assertThat(age.kind()).isEqualTo(GateResult.Kind.SLICE);
        assertThat(age.value()).isCloseTo(33.0 / 49, within(1e-12));
        assertThat(age.message()).isEqualTo("accuracy misses the minimum 0.7 in 1 of 4 judged slices of age: "
                + "age=[19, 26) 0.673469 (49 rows)");
        GateResult housing = report.gates().stream().filter(g -> g.name().equals("min accuracy per slice of housing"))
                .findFirst().orElseThrow();
        assertThat(housing.passed()).isTrue();
        assertThat(housing.message()).endsWith("; 1 slice with fewer than 30 rows not judged");

        List<Slice> sliced = report.breakdown().slices();
        // worst first: the failing slice, then the judged ones by accuracy, then those too small to judge
        assertThat(sliced.get(0).label()).isEqualTo("age=[19, 26)");
        assertThat(sliced.get(0).failed()).containsExactly("min accuracy");
        assertThat(sliced).extracting(Slice::label).containsExactlyInAnyOrder("age=[19, 26)", "age=[26, 33)",
                "age=[33, 43)", "age=[43, 75]", "housing=own", "housing=rent", "housing=for free");
        assertThat(sliced.get(sliced.size() - 1).label()).isEqualTo("housing=for free");
        Slice free = sliced.get(sliced.size() - 1);
        assertThat(free.judged()).isFalse();
        assertThat(free.rows()).isEqualTo(25);
        // too small to judge: reported, not gated, although its accuracy is below the bound
        assertThat(free.value(io.mlstages.metrics.Metric.ACCURACY)).isLessThan(0.7);
        assertThat(free.passed()).isTrue();
        assertThat(sliced.stream().mapToLong(Slice::rows).sum()).isEqualTo(2 * 250);

        assertThat(result.blessing()).isEmpty();
        assertThat(model.resolve(Blessing.FILE_NAME)).doesNotExist();
        assertThat(ValidationReportJson.read(json)).isEqualTo(report);
        assertThat(ValidationTable.toText(report)).contains("slices (worst first): 1 of 7 fails a slice gate",
                "  age=[19, 26)      49    0.6735    FAIL min accuracy\n  housing=rent      45    0.7111    ok\n",
                "  housing=for free  25    0.6000    too few rows\n");
        assertThat(ValidationHtml.toHtml(report)).contains("<section id=\"slices\">",
                "<td>age=[19, 26)</td><td class=\"num\">49</td>");
    }

    @Test
    void shouldLeaveASliceTooSmallToJudgeOutOfTheGate() {
        // at 50 rows the youngest quarter (49 rows) is reported, not judged: every judged slice reaches 0.7
        ValidationReport report = Validation.run(request(slices(50, "accuracy=0.7"), null)).report();

        assertThat(report.passed()).as(report.failed().toString()).isTrue();
        Slice young = report.breakdown().slices().stream().filter(s -> s.label().equals("age=[19, 26)")).findFirst()
                .orElseThrow();
        assertThat(young.judged()).isFalse();
        assertThat(young.passed()).isTrue();
        assertThat(model.resolve(Blessing.FILE_NAME)).exists();
    }

    @Test
    void shouldExplainTheModelInTheReport() {
        ValidationReport report = Validation.run(request(SliceOptions.none(), null)).report();

        Explanation explanation = report.breakdown().explanation();
        assertThat(explanation.method()).isEqualTo(Explanation.Method.TREE_SHAP);
        assertThat(explanation.features().get(0).name()).isEqualTo("checking_status");
        assertThat(report.breakdown().slices()).isEmpty();
        assertThat(ValidationTable.toText(report)).contains("explanation (tree-shap: mean |contribution| to the "
                + "log-odds, 250 rows):", "checking_status").doesNotContain("slices");
        assertThat(ValidationReportJson.toString(report)).contains("\"breakdown\" : {", "\"method\" : \"tree-shap\"")
                .doesNotContain("\"slices\"");
    }

    /**
     * {@code --no-explain}: without slices the report has no breakdown at all (and the data is not read for it), with
     * slices only the explanation is left out; the gates and metrics are those of the default run.
     */
    @Test
    void shouldLeaveTheExplanationOutWhenAskedAndKeepItByDefault() {
        ValidationReport explained = Validation.run(request(SliceOptions.none(), null)).report();
        ValidationReport plain = Validation.run(request(SliceOptions.none(), null).withExplain(false)).report();

        assertThat(explained.breakdown()).isNotNull();
        assertThat(explained.breakdown().explanation()).isNotNull();
        assertThat(plain.breakdown()).isNull();
        assertThat(plain.metrics()).isEqualTo(explained.metrics());
        assertThat(plain.gates()).isEqualTo(explained.gates());
        assertThat(ValidationTable.toText(plain)).doesNotContain("explanation");
        assertThat(ValidationReportJson.toString(plain)).doesNotContain("\"breakdown\"");
        assertThat(ValidationHtml.toHtml(plain)).doesNotContain("<section id=\"explanation\">");

        ValidationReport sliced = Validation.run(request(slices(SliceOptions.DEFAULT_MIN_ROWS, "accuracy=0.7"), null)
                .withExplain(false)).report();
        assertThat(sliced.breakdown().explanation()).isNull();
        assertThat(sliced.breakdown().slices()).hasSize(7);
        assertThat(sliced.failed()).extracting(GateResult::name).containsExactly("min accuracy per slice of age");
        assertThat(ValidationTable.toText(sliced)).doesNotContain("explanation").contains("slices (worst first)");
    }

    @Test
    void shouldRefuseASliceGateOnAMetricTheTaskHasNot() {
        SliceOptions rmse = new SliceOptions(List.of("housing"), List.of(SliceOptions.parseMax("rmse=1")), 10, 30);
        assertThatThrownBy(() -> Validation.run(request(rmse, null))).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("--max-slice rmse: rmse does not apply to a binary model");
    }

    @Test
    void shouldNameTheFileAndColumnWhenTheSliceColumnIsAbsent() {
        SliceOptions absent = new SliceOptions(List.of("income"), List.of(), 10, 30);
        assertThatThrownBy(() -> Validation.run(request(absent, null))).isInstanceOf(DataException.class)
                .hasMessageContaining("german-credit-test.csv").hasMessageContaining("'income' is not in the data");
    }

    @Test
    void shouldRefuseSliceGatesWithoutASliceAndSlicesOfAPredictionsFile() {
        assertThatThrownBy(() -> new SliceOptions(List.of(), List.of(SliceOptions.parseMin("accuracy=0.8")), 10, 30))
                .isInstanceOf(ValidationException.class).hasMessageContaining("--slice COLUMN");
        assertThatThrownBy(() -> SliceOptions.parseMin("accuracy")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("--min-slice accuracy: expected METRIC=VALUE");
        assertThatThrownBy(() -> new Validation.Request(null, temp.resolve("p.csv"), null, List.of(), List.of(), null,
                false, 0.2, null, null, null, null, null, false, slices(30), true))
                .isInstanceOf(ValidationException.class).hasMessageContaining("--slice needs the model package");
    }
}
