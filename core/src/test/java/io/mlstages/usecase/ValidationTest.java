package io.mlstages.usecase;

import io.mlstages.registry.Registry;
import io.mlstages.validate.Blessing;
import io.mlstages.validate.Gate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation against the champion on Chicago ridership models. */
class ValidationTest {
    private static final String TRAIN = "chicago-ridership-train.csv";

    @TempDir
    Path temp;

    @Test
    void shouldValidateAFirstModelWithoutABaselineWhenTheRegistryHasNoChampion() {
        Path model = Chicago.train(temp, TRAIN);
        Registry empty = Registry.open(temp.resolve("registry"));

        Validation.Result result = Validation.run(Validation.Request.ofPackage(model, Chicago.dataset(TRAIN),
                List.of(Gate.parseMin("r2=0.5"))).withBaseline(new Validation.Baseline.Champion(empty, Chicago.MODEL,
                "production"), List.of(Gate.parseMinRelativeImprovement("rmse=0.1"))));

        assertThat(result.noBaseline()).hasValueSatisfying(why -> assertThat(why).contains(Chicago.MODEL,
                "'production'", "no baseline"));
        assertThat(result.champion()).isEmpty();
        assertThat(result.report().baselineModel()).isNull();
        // the improvement gate is left out: there is nothing to beat
        assertThat(result.report().gates()).noneMatch(g -> g.baseline() != null);
        assertThat(result.report().passed()).isTrue();
        assertThat(result.blessing()).isPresent();
        assertThat(model.resolve(Blessing.FILE_NAME)).exists();
    }

    @Test
    void shouldNameTheChampionByModelAndVersion() {
        Registry registry = Chicago.deployed(temp);
        Path candidate = Chicago.train(temp.resolve("again"), TRAIN);
        Path json = temp.resolve("validation.json");
        Path junit = temp.resolve("validation.xml");

        Validation.Result result = Validation.run(Validation.Request.ofPackage(candidate, Chicago.dataset(TRAIN),
                List.of()).withBaseline(new Validation.Baseline.Champion(registry, Chicago.MODEL, "production"),
                List.of(Gate.parseMaxRelativeRegression("rmse=0.01"))).withReports(json, junit));

        assertThat(result.champion()).contains(1);
        assertThat(result.noBaseline()).isEmpty();
        assertThat(result.report().baselineModel().name()).isEqualTo(Chicago.MODEL);
        assertThat(result.report().baselineModel().version()).isEqualTo("1");
        // the same algorithm on the same days: no regression, so the gate passes
        assertThat(result.report().passed()).as(result.report().failed().toString()).isTrue();
        assertThat(json).exists();
        assertThat(junit).exists();
        assertThat(result.report().gates()).anyMatch(g -> g.baseline() != null);
        assertThat(Blessing.read(candidate)).hasValueSatisfying(b -> assertThat(b.reportSha256())
                .isEqualTo(result.reportSha256()));
    }

    @Test
    void shouldRemoveTheBlessingWhenAGateFails() {
        Path model = Chicago.train(temp, TRAIN);
        Validation.run(Validation.Request.ofPackage(model, Chicago.dataset(TRAIN), List.of()));
        assertThat(model.resolve(Blessing.FILE_NAME)).exists();

        Validation.Result result = Validation.run(Validation.Request.ofPackage(model, Chicago.dataset(TRAIN),
                List.of(Gate.parseMin("r2=0.9999"))));

        assertThat(result.report().passed()).isFalse();
        assertThat(result.blessable()).isTrue();
        assertThat(result.blessing()).isEmpty();
        assertThat(model.resolve(Blessing.FILE_NAME)).doesNotExist();
    }

    @Test
    void shouldRefuseAPackageWithoutEvaluationData() {
        assertThatThrownBy(() -> Validation.Request.ofPackage(temp, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evaluation data");
    }
}
