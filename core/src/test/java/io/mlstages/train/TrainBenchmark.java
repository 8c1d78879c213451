package io.mlstages.train;

import io.mlstages.data.ReadOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Times the fit of {@code logistic} and {@code gbt} on bench/train's data (see bench/train/README.md), the
 * reading and encoding apart, and reports the test accuracy. Not a unit test: run it with
 * {@code java -cp <test classpath> io.mlstages.train.TrainBenchmark DIR [REPEAT] [gbt hyperparameters as k=v,k=v]}.
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    public static void main(final String[] args) {
        Path dir = Path.of(args[0]);
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (Algorithm algorithm : List.of(Algorithm.LOGISTIC, Algorithm.GBT)) {
            Map<String, String> given = new java.util.HashMap<>();
            if (algorithm == Algorithm.GBT && args.length > 2) {
                for (String pair : args[2].split(",")) {
                    given.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            TrainOptions options = TrainOptions.of(algorithm, "label").withHoldout(0).withHyperparameters(given);
            long start = System.nanoTime();
            TrainingData data = TrainingData.read(dir.resolve("train.csv"), options);
            double readSeconds = (System.nanoTime() - start) / 1e9;
            Target target = Target.of(data, options);
            int[] rows = Trainer.split(data.rows, 0, options.seed(), data.file)[0];
            Encoder encoder = new Encoder(Trainer.features(data, rows, new java.util.HashMap<>()));
            double[] inputs = encoder.encode(data, rows);
            Map<String, String> hyper = Hyperparameters.resolve(algorithm, given);
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                start = System.nanoTime();
                Trainer.fit(options, hyper, target, encoder, inputs, rows);
                seconds.add((System.nanoTime() - start) / 1e9);
            }
            ModelPackage model = Trainer.train(dir.resolve("train.csv"), options, dir.resolve("model-"
                    + algorithm.label()));
            double accuracy = Metrics.of(Scoring.score(model, dir.resolve("test.csv"), ReadOptions.defaults()))
                    .get("accuracy");
            double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%s: read+profile %.3f s; fit first %.3f s, median %.3f s (%s); test accuracy %.4f%n",
                    algorithm.label(), readSeconds, seconds.get(0), sorted[sorted.length / 2],
                    Arrays.toString(seconds.stream().map(s -> String.format("%.3f", s)).toArray()), accuracy);
        }
    }
}
