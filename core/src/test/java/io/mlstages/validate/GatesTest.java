package io.mlstages.validate;

import io.mlstages.metrics.Evaluation;

import io.mlstages.metrics.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.mlstages.validate.ValidationFixtures.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gate semantics on small evaluations whose numbers are chosen to sit on either side of each bound. */
class GatesTest {
    private static final ModelIdentity CANDIDATE = ModelIdentity.named("candidate");
    private static final ModelIdentity BASELINE = ModelIdentity.named("baseline");

    private static Evaluation binary(final double accuracy, final double auc, final double logLoss) {
        return evaluation(Task.BINARY, Map.of("accuracy", accuracy, "roc_auc", auc, "log_loss", logLoss));
    }

    private static Evaluation regression(final double rmse, final double r2) {
        return evaluation(Task.REGRESSION, Map.of("rmse", rmse, "r2", r2));
    }

    private static ValidationReport check(final Evaluation candidate, final Evaluation baseline, final Gate... gates) {
        ValidationInput input = ValidationInput.of(CANDIDATE, candidate, "eval.csv", null);
        if (baseline != null) {
            input = input.withBaseline(BASELINE, baseline);
        }
        return Gates.check(input, List.of(gates));
    }

    @Test
    void shouldPassAMinimumBoundMetExactlyAndFailOneMissed() {
        ValidationReport met = check(binary(0.90, 0.8, 0.4), null, Gate.parseMin("accuracy=0.90"));
        ValidationReport missed = check(binary(0.8999, 0.8, 0.4), null, Gate.parseMin("accuracy=0.90"));

        assertThat(met.passed()).isTrue();
        assertThat(missed.passed()).isFalse();
        GateResult gate = missed.gates().get(0);
        assertThat(gate.name()).isEqualTo("min accuracy");
        assertThat(gate.kind()).isEqualTo(GateResult.Kind.METRIC);
        assertThat(gate.value()).isEqualTo(0.8999);
        assertThat(gate.bound()).isEqualTo(0.90);
        assertThat(gate.message()).isEqualTo("accuracy 0.8999 is below the minimum 0.9");
    }

    @Test
    void shouldBoundAnErrorMetricFromAbove() {
        assertThat(check(regression(3.1, 0.8), null, Gate.parseMax("rmse=3.2")).passed()).isTrue();
        ValidationReport failed = check(regression(3.3, 0.8), null, Gate.parseMax("rmse=3.2"));
        assertThat(failed.passed()).isFalse();
        assertThat(failed.failed().get(0).message()).contains("above the maximum 3.2");
    }

    @Test
    void shouldRefuseAMetricThatDoesNotApplyToTheTask() {
        assertThatThrownBy(() -> check(binary(0.9, 0.8, 0.4), null, Gate.parseMax("rmse=3.2")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("rmse does not apply to a binary model")
                .hasMessageContaining("its metrics are accuracy, precision, recall, f1, precision_macro");
    }

    @Test
    void shouldListKnownMetricsForAnUnknownName() {
        assertThatThrownBy(() -> Gate.parseMin("auc=0.8")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("--min auc=0.8").hasMessageContaining("roc_auc");
        assertThatThrownBy(() -> Gate.parseMin("accuracy")).hasMessageContaining("expected METRIC=VALUE");
        assertThatThrownBy(() -> Gate.parseMin("accuracy=high")).hasMessageContaining("'high' is not a finite number");
        assertThatThrownBy(() -> Gate.parseMaxRegression("accuracy=-0.1")).hasMessageContaining("must not be negative");
    }

    @Test
    void shouldFailAWeakCandidateAgainstAStrongBaselineByDefault() {
        // no baseline gate given: the candidate must not be worse on the primary metric (ROC AUC for binary)
        ValidationReport report = check(binary(0.95, 0.70, 0.6), binary(0.90, 0.85, 0.3));

        assertThat(report.passed()).isFalse();
        GateResult gate = report.gates().get(0);
        assertThat(gate.name()).isEqualTo("roc_auc vs baseline");
        assertThat(gate.kind()).isEqualTo(GateResult.Kind.BASELINE);
        assertThat(gate.baseline()).isEqualTo(0.85);
        assertThat(gate.bound()).isEqualTo(0.85);
        assertThat(gate.message()).contains("worse by 0.15").contains("no regression is allowed");
    }

    @Test
    void shouldTolerateARegressionWithinTheAllowance() {
        Evaluation baseline = binary(0.900, 0.85, 0.3);

        assertThat(check(binary(0.896, 0.85, 0.3), baseline, Gate.parseMaxRegression("accuracy=0.005")).passed())
                .isTrue();
        ValidationReport failed = check(binary(0.894, 0.85, 0.3), baseline, Gate.parseMaxRegression("accuracy=0.005"));
        assertThat(failed.passed()).isFalse();
        assertThat(failed.gates().get(0).bound()).isCloseTo(0.895, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(failed.gates().get(0).message()).contains("a regression of at most 0.005 is allowed");
    }

    @Test
    void shouldDemandAnImprovementOfExactlyTheAmountDespiteRounding() {
        // 0.92 - 0.91 is 0.010000000000000009 in binary, 0.93 - 0.92 is 0.009999999999999898
        Evaluation baseline = binary(0.92, 0.8, 0.3);
        assertThat(check(binary(0.93, 0.8, 0.3), baseline, Gate.parseMinImprovement("accuracy=0.01")).passed())
                .isTrue();
        assertThat(check(binary(0.929, 0.8, 0.3), baseline, Gate.parseMinImprovement("accuracy=0.01")).passed())
                .isFalse();
    }

    @Test
    void shouldMeasureChangeInTheBetterDirectionForLosses() {
        Evaluation baseline = binary(0.9, 0.8, 0.40);
        // log loss falling from 0.40 to 0.35 is an improvement of 0.05, 12.5 % relative
        assertThat(check(binary(0.9, 0.8, 0.35), baseline, Gate.parseMinImprovement("log_loss=0.05")).passed())
                .isTrue();
        assertThat(check(binary(0.9, 0.8, 0.35), baseline, Gate.parseMinRelativeImprovement("log_loss=0.12"))
                .passed()).isTrue();
        ValidationReport failed = check(binary(0.9, 0.8, 0.35), baseline,
                Gate.parseMinRelativeImprovement("log_loss=0.13"));
        assertThat(failed.passed()).isFalse();
        assertThat(failed.gates().get(0).bound()).isCloseTo(0.348, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(failed.gates().get(0).message()).contains("better by 12.50%").contains("(lower is better)");
    }

    @Test
    void shouldCombineAbsoluteAndRelativeGatesOnOneMetric() {
        // R² 0.50 -> 0.52: +0.02 absolute, +4 % relative
        Evaluation baseline = regression(3.0, 0.50);
        ValidationReport report = check(regression(3.0, 0.52), baseline, Gate.parseMinImprovement("r2=0.01"),
                Gate.parseMinRelativeImprovement("r2=0.05"));

        assertThat(report.gates()).extracting(GateResult::name)
                .containsExactly("r2 vs baseline", "r2 vs baseline (relative)");
        assertThat(report.gates()).extracting(GateResult::passed).containsExactly(true, false);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void shouldRelateToTheBaselinesMagnitudeWhenItIsNegative() {
        // R² -0.20 -> -0.10 is better by 0.10, i.e. 50 % of |-0.20|
        ValidationReport report = check(regression(3.0, -0.10), regression(3.0, -0.20),
                Gate.parseMinRelativeImprovement("r2=0.5"));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void shouldFailAGateOnAnUndefinedMetricAndSaySo() {
        Evaluation undefined = new Evaluation(Task.BINARY, 3, List.of("a", "b"),
                Map.of("accuracy", 1.0, "roc_auc", Double.NaN), new long[2][2],
                List.of("roc_auc is undefined: the true values hold only class 'a'"));
        ValidationReport report = check(undefined, null, Gate.parseMin("roc_auc=0.7"));

        assertThat(report.passed()).isFalse();
        assertThat(report.gates().get(0).message()).contains("undefined").contains("only class 'a'");
    }

    @Test
    void shouldRefuseBaselineGatesWithoutABaselineAndDuplicateGates() {
        assertThatThrownBy(() -> check(binary(0.9, 0.8, 0.3), null, Gate.parseMinImprovement("accuracy=0.01")))
                .hasMessageContaining("needs a baseline model (--baseline)");
        assertThatThrownBy(() -> check(binary(0.9, 0.8, 0.3), null, Gate.parseMin("accuracy=0.8"),
                Gate.parseMin("accuracy=0.9"))).hasMessageContaining("--min accuracy is given twice");
        assertThatThrownBy(() -> check(binary(0.9, 0.8, 0.3), null)).hasMessageContaining("Nothing to validate");
    }

    @Test
    void shouldRefuseABaselineOfAnotherTaskOrRowCount() {
        assertThatThrownBy(() -> check(binary(0.9, 0.8, 0.3), regression(3, 0.5)))
                .hasMessageContaining("cannot be compared");
        Evaluation fewer = new Evaluation(Task.BINARY, 99, List.of("a", "b"), Map.of("roc_auc", 0.8),
                new long[2][2], List.of());
        assertThatThrownBy(() -> check(binary(0.9, 0.8, 0.3), fewer)).hasMessageContaining("same data");
    }

    @Test
    void shouldRefuseDataGatesWithoutTrainingData() {
        assertThatThrownBy(() -> check(binary(0.9, 0.8, 0.3), null, new Gate.SchemaMatch()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("predictions file");
    }
}
