package io.mlstages.train;

import io.mlstages.data.ReadOptions;
import io.mlstages.metrics.Predictions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property (issue 11, item 1): emptying any set of feature columns gives the model that leaving those columns out
 * gives, bit for bit; on real data, for random column sets under fixed seeds, emptied everywhere or only in the
 * training rows.
 */
class EmptyColumnPropertyTest {
    private static final int SEEDS = 3;

    @TempDir
    Path temp;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (boolean trainingRowsOnly : List.of(false, true)) {
                cases.add(Arguments.of("breast-cancer", "diagnosis", Algorithm.LOGISTIC, seed, trainingRowsOnly));
                cases.add(Arguments.of("breast-cancer", "diagnosis", Algorithm.GBT, seed, trainingRowsOnly));
                cases.add(Arguments.of("german-credit", "class", Algorithm.LOGISTIC, seed, trainingRowsOnly));
                cases.add(Arguments.of("german-credit", "class", Algorithm.GBT, seed, trainingRowsOnly));
                cases.add(Arguments.of("german-credit", "credit_amount", Algorithm.LINEAR, seed, trainingRowsOnly));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}, seed {3}, emptied in the training rows only: {4}")
    @MethodSource("cases")
    void shouldPredictAsAModelTrainedWithoutTheEmptiedColumns(final String dataset, final String target,
            final Algorithm algorithm, final long seed, final boolean trainingRowsOnly) throws IOException {
        Path original = Datasets.file(dataset + "-train.csv");
        List<String> lines = Files.readAllLines(original);
        List<String> header = List.of(lines.get(0).split(",", -1));
        Random random = new Random(seed);
        List<Integer> candidates = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (!header.get(c).equals(target)) {
                candidates.add(c);
            }
        }
        java.util.Collections.shuffle(candidates, random);
        // between one column and all but one
        List<Integer> emptied = candidates.subList(0, 1 + random.nextInt(candidates.size() - 1));
        Set<String> names = new HashSet<>();
        emptied.forEach(c -> names.add(header.get(c)));
        boolean[] blank = new boolean[lines.size() - 1];
        Arrays.fill(blank, true);
        if (trainingRowsOnly) {
            for (int row : Trainer.split(blank.length, TrainOptions.DEFAULT_HOLDOUT, TrainOptions.DEFAULT_SEED,
                    original)[1]) {
                blank[row] = false;
            }
        }
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            if (blank[r - 1]) {
                for (int c : emptied) {
                    cells[c] = "";
                }
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Path emptiedFile = temp.resolve("emptied.csv");
        Files.writeString(emptiedFile, csv);

        // fewer rounds on one thread keep the trees quick; the property holds for any setting
        TrainOptions options = TrainOptions.of(algorithm, target).withHyperparameters(algorithm == Algorithm.GBT
                ? java.util.Map.of("rounds", "30", "threads", "1") : java.util.Map.of());
        ModelPackage withEmpty = Trainer.train(emptiedFile, options, temp.resolve("a"));
        ModelPackage without = Trainer.train(original, options.withExclude(names), temp.resolve("b"));

        assertThat(withEmpty.metadata().features()).isEqualTo(without.metadata().features());
        assertThat(withEmpty.metadata().skipped().keySet()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(withEmpty.metadata().metrics()).isEqualTo(without.metadata().metrics());
        Path test = Datasets.file(dataset + "-test.csv");
        Predictions a = Scoring.score(ModelPackage.load(withEmpty.location()), test, ReadOptions.defaults());
        Predictions b = Scoring.score(ModelPackage.load(without.location()), test, ReadOptions.defaults());
        if (algorithm == Algorithm.LINEAR) {
            assertThat(a.predictedValue()).containsExactly(b.predictedValue());
        } else {
            assertThat(a.probabilities()).isDeepEqualTo(b.probabilities());
        }
    }
}
