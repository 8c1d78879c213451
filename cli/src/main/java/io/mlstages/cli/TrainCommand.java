package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.train.Algorithm;
import io.mlstages.train.ExternalOptions;
import io.mlstages.train.ExternalTrainer;
import io.mlstages.train.ModelMetadata;
import io.mlstages.train.ModelPackage;
import io.mlstages.metrics.Task;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.TrainProgress;
import io.mlstages.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlstages train}: fits a model and writes a model package. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on a dataset and write a model package: the model file, its metadata "
                + "(features, classes, hyperparameters, metrics on training and holdout rows, lineage) and the "
                + "training data's profile, which later drift checks use as their reference.",
            "Built-in algorithms: logistic, linear, gbt. With --command, your own program trains the model."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-d", "--data"}, paramLabel = "DATA", required = true,
            description = "The training data (CSV or JSON Lines).")
    Path data;

    @Option(names = {"-t", "--target"}, paramLabel = "COLUMN", required = true, description = "The column to predict.")
    String target;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "NAME",
            description = "logistic (classes), linear (numbers) or gbt (either); required unless --command.")
    @CheckForNull String algorithm;

    @Option(names = "--command", paramLabel = "COMMAND",
            description = "Train with your own program instead (run without a shell; see docs/training.md).")
    @CheckForNull String command;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2h",
            description = "Longest an external trainer may run, e.g. 90s, 30m, 2h (default: ${DEFAULT-VALUE}).")
    @Range(min = "1s", max = "30d")
    Duration timeout;

    @Option(names = {"-o", "--output"}, paramLabel = "PACKAGE", required = true,
            description = "Where to write the model package: a folder, or a .zip file.")
    Path output;

    @Option(names = "--features", paramLabel = "COLUMN", split = ",",
            description = "The feature columns (default: every column but the target and --exclude).")
    List<String> features = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "COLUMN", split = ",", description = "Columns never used as features.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--task", paramLabel = "TASK", description = "binary, multiclass or regression (default: inferred).")
    @CheckForNull String task;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", split = ",",
            description = "A hyperparameter, e.g. l2=1.0, rounds=200, maxDepth=6. Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainOptions.DEFAULT_SEED,
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    @Range(min = "-9223372036854775808", max = "9223372036854775807")
    long seed;

    @Option(names = "--holdout", paramLabel = "FRACTION", defaultValue = "" + TrainOptions.DEFAULT_HOLDOUT,
            description = "Share of rows kept apart to measure the model; 0 for none (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "0.9")
    double holdout;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-", description = "Write a summary as JSON ('-' for stdout).")
    @CheckForNull String json;

    @Mixin
    ReadOptionsMixin read;

    @Mixin
    SegmentColumnsMixin segments;

    @Mixin
    OutputMixin out;

    @Override
    public Integer call() {
        if (command == null && algorithm == null) {
            throw new IllegalArgumentException("Name an --algorithm (logistic, linear or gbt) or a --command");
        }
        if (command != null && algorithm != null && Algorithm.parse(algorithm) != Algorithm.EXTERNAL) {
            throw new IllegalArgumentException("--command trains with your program: leave out --algorithm "
                    + algorithm);
        }
        Algorithm chosen = command != null ? Algorithm.EXTERNAL : Algorithm.parse(algorithm);
        TrainOptions options = new TrainOptions(chosen, target, features,
                new HashSet<>(exclude), task == null ? null : parseTask(task), params, seed, holdout,
                read.toReadOptions()).withSegments(segments.segments,
                        segments.capacity());
        PrintWriter err = spec.commandLine().getErr();
        if (!out.quiet) {
            err.println("training " + (command != null ? "with '" + command + "'" : options.algorithm().label())
                    + " on " + data + " ...");
            err.flush();
        }
        long start = System.nanoTime();
        ModelPackage model;
        if (command != null) {
            model = ExternalTrainer.train(data, options, new ExternalOptions(command, timeout, null), output,
                    line -> {
                        synchronized (err) {
                            err.println("  | " + line);
                            err.flush();
                        }
                    });
        }
        else {
            PrintWriter progress = out.progress(spec);
            TrainProgress report = progress == null ? TrainProgress.NONE : new TrainProgress(line -> {
                synchronized (progress) {
                    progress.println("  " + line);
                    progress.flush();
                }
            }, source -> Progress.of(source, progress));
            model = Trainer.train(data, options, output, report);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // what a reader of model.json should know (an empty feature column left out, an optimizer stopped early)
        // is shown even with --quiet: it is a warning, not progress
        for (String note : model.metadata().notes()) {
            err.println("warning: " + note);
        }
        err.print(io.mlstages.report.DriftTable.badRows(options.read().badRows()));
        err.flush();
        Summaries.printTraining(spec.commandLine().getOut(), model, output, seconds, json);
        return ExitCodes.OK;
    }

    private static Task parseTask(final String text) {
        try {
            return Task.valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown task '" + text + "': expected binary, multiclass or regression",
                    e);
        }
    }

    static String describe(final ModelMetadata metadata) {
        return metadata.algorithm().label() + " " + metadata.task().label();
    }
}
