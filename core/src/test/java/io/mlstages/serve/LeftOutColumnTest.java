package io.mlstages.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.train.Algorithm;
import io.mlstages.train.ModelPackage;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A column the model left out in training (here: empty in the training file) is accepted in a request and
 * ignored, as validation and {@link ModelPackage#predict} ignore it; an unknown field is still refused.
 */
class LeftOutColumnTest {
    @TempDir
    Path temp;

    @Test
    void shouldIgnoreAColumnLeftOutForHavingNoValuesAndStillRefuseAnUnknownOne() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.dataset("breast-cancer-train.csv"));
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            // mean_radius is the first column: empty it
            csv.append(line, line.indexOf(','), line.length()).append('\n');
        }
        Path data = temp.resolve("no-radius.csv");
        Files.writeString(data, csv);
        ModelPackage model = Trainer.train(data, TrainOptions.of(Algorithm.GBT, Fixtures.TARGET), temp.resolve("m"));
        assertThat(model.metadata().skipped()).containsKey("mean_radius");
        ServedModel served = new ServedModel("cancer", 1, ModelPackage.load(model.location()));

        ObjectNode full = Fixtures.rows("breast-cancer-test.csv").get(0);
        ObjectNode withoutRadius = full.deepCopy();
        withoutRadius.remove("mean_radius");
        JsonNode fromFull = score(served, full);
        JsonNode fromPartial = score(served, withoutRadius);

        assertThat(fromFull.get("prediction")).isEqualTo(fromPartial.get("prediction"));
        assertThat(fromFull.at("/prediction/probabilities/malignant").doubleValue())
                .isEqualTo(Fixtures.direct(model, withoutRadius)[1]);
        ObjectNode misspelt = full.deepCopy();
        misspelt.put("mean_raduis", 12.0);
        assertThatThrownBy(() -> Scorer.score(served, misspelt.toString().getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(BadRequest.class).hasMessageContaining("'mean_raduis' is not a feature");
    }

    private static JsonNode score(final ServedModel model, final ObjectNode row) throws Exception {
        return Fixtures.JSON.readTree(Scorer.score(model, row.toString().getBytes(StandardCharsets.UTF_8), false)
                .response());
    }
}
