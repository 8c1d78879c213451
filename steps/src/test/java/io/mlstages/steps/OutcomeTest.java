package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an exit code means for the build, by the user's choice. */
class OutcomeTest {
    @Test
    void shouldPassOnZeroWhateverTheChoice() {
        for (OnFinding choice : OnFinding.values()) {
            assertThat(Outcome.of(0, choice)).isEqualTo(Outcome.PASSED);
        }
    }

    @Test
    void shouldFollowTheChoiceOnAFinding() {
        assertThat(Outcome.of(1, OnFinding.FAIL)).isEqualTo(Outcome.FAIL);
        assertThat(Outcome.of(1, OnFinding.UNSTABLE)).isEqualTo(Outcome.UNSTABLE);
        assertThat(Outcome.of(1, OnFinding.REPORT)).isEqualTo(Outcome.REPORTED);
        assertThat(Outcome.FAIL.failsBuild()).isTrue();
        assertThat(Outcome.UNSTABLE.failsBuild()).isFalse();
    }

    @Test
    void shouldAlwaysFailOnBadInputAnErrorOrAnUnknownCode() {
        for (int code : new int[] {2, 3, 137, -1}) {
            for (OnFinding choice : OnFinding.values()) {
                assertThat(Outcome.of(code, choice)).isEqualTo(Outcome.ERROR);
            }
        }
        assertThat(Outcome.ERROR.failsBuild()).isTrue();
    }

    @Test
    void shouldNeedAChoiceForAFinding() {
        assertThatThrownBy(() -> Outcome.of(1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDefaultToUnstableForDriftAndFailForGatesAndDeployments() {
        assertThat(OnFinding.of(StepCatalog.step(StepCatalog.CHECK_DRIFT), Map.of())).isEqualTo(OnFinding.UNSTABLE);
        assertThat(OnFinding.of(StepCatalog.step(StepCatalog.DRIFT_CHECK_BUILDER), null))
                .isEqualTo(OnFinding.UNSTABLE);
        assertThat(OnFinding.of(StepCatalog.step(StepCatalog.VALIDATE), Map.of())).isEqualTo(OnFinding.FAIL);
        assertThat(OnFinding.of(StepCatalog.step(StepCatalog.DEPLOY), Map.of("onFailure", "report")))
                .isEqualTo(OnFinding.REPORT);
        assertThatThrownBy(() -> OnFinding.of(StepCatalog.step(StepCatalog.DEPLOY), Map.of("onFailure", "ignore")))
                .hasMessageContaining("deployModel.onFailure").hasMessageContaining("ignore");
    }
}
