package io.mlstages.train;

import io.mlstages.data.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** External trainers: bash scripts standing in for the user's program. */
class ExternalTrainerTest {
    @TempDir
    Path temp;

    private static String script(final String name) {
        try {
            return Path.of(ExternalTrainerTest.class.getResource("/train/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrainOptions options() {
        return TrainOptions.of(Algorithm.EXTERNAL, "class").withHyperparameters(Map.of("depth", "3"));
    }

    @Test
    void shouldPackageWhatTheProgramWroteWithOurProfileAndLineage() throws IOException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Path data = Datasets.file("german-credit.csv");
        ModelPackage model = ExternalTrainer.train(data, options(),
                ExternalOptions.of("bash '" + script("external-ok.sh") + "' \"two words\" $HOME"), temp.resolve("m"),
                lines::add);
        assertThat(lines).contains("target=class task=binary seed=42", "classes=[\"bad\",\"good\"]",
                "hyperparameters={\"depth\":\"3\"}", "args=2:two words $HOME", "a warning on stderr",
                "data=" + data.toAbsolutePath());
        assertThat(temp.resolve("m/model/model.json")).hasContent("{\"predict\": \"good\"}");
        ModelPackage loaded = ModelPackage.load(temp.resolve("m"));
        assertThat(loaded.metadata()).isEqualTo(model.metadata());
        assertThat(loaded.metadata().algorithm()).isEqualTo(Algorithm.EXTERNAL);
        assertThat(loaded.metadata().files()).containsKeys("model/model.json", "model/metrics.json", "profile.json");
        assertThat(loaded.metadata().metrics()).isEqualTo(Map.of("holdout", Map.of("accuracy", 0.7),
                "reported", Map.of("trainingSeconds", 0.01)));
        assertThat(loaded.profile().rows()).isEqualTo(1000);
        assertThat(loaded.canPredict()).isFalse();
        assertThatThrownBy(() -> Scoring.score(loaded, data, ReadOptions.defaults()))
                .hasMessageContaining("trained by an external program");
    }

    @Test
    void shouldFailWithTheExitCodeAndTheLastLines() {
        assertThatThrownBy(() -> ExternalTrainer.train(Datasets.file("german-credit.csv"), options(),
                ExternalOptions.of("bash " + script("external-fail.sh")), temp.resolve("m"), line -> { }))
                .isInstanceOf(TrainException.class)
                .hasMessageContaining("failed with exit code 3")
                .hasMessageContaining("step 30")
                .hasMessageContaining("out of memory")
                .hasMessageNotContaining("step 11\n");
        assertThat(temp.resolve("m")).doesNotExist();
    }

    @Test
    void shouldKillTheProgramAndItsChildrenAtTheTimeout() throws IOException {
        Path work = Files.createDirectories(temp.resolve("work"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> ExternalTrainer.train(Datasets.file("german-credit.csv"), options(),
                ExternalOptions.of("bash " + script("external-hang.sh")).withTimeout(Duration.ofSeconds(2))
                        .withWorkingDirectory(work), temp.resolve("m"), line -> { }))
                .isInstanceOf(TrainException.class)
                .hasMessageContaining("did not finish within PT2S")
                .hasMessageContaining("started ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        long child = Long.parseLong(Files.readString(work.resolve("child.pid")).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        try (var list = Files.list(temp)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("work");
        }
    }

    @Test
    void shouldRefuseAProgramThatWritesNoModel() {
        assertThatThrownBy(() -> ExternalTrainer.train(Datasets.file("german-credit.csv"), options(),
                ExternalOptions.of("bash " + script("external-nothing.sh")), temp.resolve("m"), line -> { }))
                .hasMessageContaining("wrote no model file into MLSTAGES_OUTPUT_DIR");
        assertThatThrownBy(() -> ExternalTrainer.train(Datasets.file("german-credit.csv"), options(),
                ExternalOptions.of("/no/such/program"), temp.resolve("m"), line -> { }))
                .hasMessageContaining("Cannot start the external trainer '/no/such/program'");
    }

    @Test
    void shouldSplitCommandsWithoutAShell() {
        assertThat(ExternalTrainer.split("python3  train.py --name 'a b' \"c \\\"d\\\"\" e\\ f $X;rm"))
                .containsExactly("python3", "train.py", "--name", "a b", "c \"d\"", "e f", "$X;rm");
        assertThat(ExternalTrainer.split("a''b \"\"")).containsExactly("ab", "");
        assertThatThrownBy(() -> ExternalTrainer.split("python 'oops")).hasMessageContaining("unterminated ' quote");
        assertThatThrownBy(() -> ExternalTrainer.split("   ")).hasMessageContaining("empty");
    }
}
