package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.metrics.Task;

import io.mlstages.data.ColumnType;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.metrics.Predictions;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/** Trains a built-in algorithm on a data file and writes a {@link ModelPackage}. */
public final class Trainer {
    /** A categorical feature keeps at most this many categories (the most frequent); rarer ones count as unseen. */
    static final int MAX_CATEGORIES = 1000;
    /** A classification target may have at most this many classes. */
    static final int MAX_CLASSES = 1000;
    /** The reason a feature column is left out when the training rows hold none of its values. */
    static final String NO_VALUES = "no values in the training rows";

    private Trainer() {
    }

    /**
     * Reads {@code trainData} once (profiling it on the way), splits off the holdout rows at random under the
     * seed, fits the model on the rest, measures it on both parts, and writes the package to {@code output}
     * atomically (a folder, or a zip when the name ends with {@code .zip}); an existing package there is replaced.
     *
     * @throws TrainException when the options do not fit the data (naming the file and column)
     * @throws io.mlstages.data.DataException when the data cannot be read
     * @throws ModelPackageException when the package cannot be written
     */
    public static ModelPackage train(final Path trainData, final TrainOptions options, final Path output) {
        return train(trainData, options, output, System::getenv, TrainProgress.NONE);
    }

    /** As {@link #train(Path, TrainOptions, Path)}, reporting progress. */
    public static ModelPackage train(final Path trainData, final TrainOptions options, final Path output,
            final TrainProgress progress) {
        return train(trainData, options, output, System::getenv, progress);
    }

    static ModelPackage train(final Path trainData, final TrainOptions options, final Path output,
            final UnaryOperator<String> environment) {
        return train(trainData, options, output, environment, TrainProgress.NONE);
    }

    static ModelPackage train(final Path trainData, final TrainOptions options, final Path output,
            final UnaryOperator<String> environment, final TrainProgress progress) {
        Objects.requireNonNull(trainData, "trainData");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(output, "output");
        if (options.algorithm() == Algorithm.EXTERNAL) {
            throw new TrainException("An external trainer runs a command: use ExternalTrainer.train");
        }
        Map<String, String> hyper = Hyperparameters.resolve(options.algorithm(), options.hyperparameters());
        if (options.algorithm() == Algorithm.GBT) {
            GbtModel.loadLibraryInBackground();
        }
        TrainingData data = TrainingData.read(trainData, options, progress);
        Target target = Target.of(data, options);
        requireFits(options.algorithm(), target.task, trainData, options.target());
        progress.stages().accept("read and profiled " + data.rows + " rows of " + trainData.getFileName()
                + ": " + target.task.label() + " target '" + options.target() + "'");

        int[][] split = split(data.rows, options.holdout(), options.seed(), trainData);
        int[] training = split[0];
        int[] holdout = split[1];
        if (target.task.isClassification()
                && distinctClasses(Objects.requireNonNull(target.classIndex, "classIndex"), training) < 2) {
            throw new TrainException(trainData + ": the training rows hold a single class of '" + options.target()
                    + "'; a classifier needs at least two (lower the holdout fraction or add data)");
        }
        Map<String, String> skipped = new LinkedHashMap<>(data.skipped);
        List<Feature> features = features(data, training, skipped);
        Encoder encoder = new Encoder(features);
        double[] trainInputs = encoder.encode(data, training);
        double[] holdoutInputs = encoder.encode(data, holdout);
        progress.stages().accept("fitting " + options.algorithm().label() + " on " + training.length + " rows, "
                + features.size() + " features (" + holdout.length + " holdout rows), " + hyper);
        long fitStart = System.nanoTime();
        Predictor predictor = fit(options, hyper, target, encoder, trainInputs, training);
        double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
        progress.stages().accept(String.format(java.util.Locale.ROOT, "fitted in %.2f s; measuring on the training "
                + "and holdout rows, writing the package", fitSeconds));

        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("training", Metrics.of(predictions(target, predictor.takeFittedOutputs()
                .orElseGet(() -> predictor.predict(trainInputs, training.length)), training, 0)));
        List<String> notes = new ArrayList<>(emptyFeatureNotes(skipped));
        notes.addAll(predictor.notes());
        io.mlstages.data.BadRows badRows = options.read().badRows();
        if (badRows.any()) {
            notes.add(badRows.total() + (badRows.total() == 1 ? " malformed row" : " malformed rows") + " of "
                    + trainData.getFileName() + " skipped (--on-bad-rows skip): the model was fitted, and its "
                    + "metrics measured, on the other rows only");
        }
        if (holdout.length > 0) {
            long unseen = encoder.countUnseen(data, holdout);
            metrics.put("holdout", Metrics.of(predictions(target, predictor, holdoutInputs, holdout, unseen)));
            if (unseen > 0) {
                notes.add(unseen + " of " + holdout.length + " holdout rows hold a category that no training row has;"
                        + " it was encoded as all zeros");
            }
        }
        ModelMetadata metadata = new ModelMetadata(ModelPackage.FORMAT_VERSION, options.algorithm(), target.task,
                options.target(), features, skipped, target.classes, hyper, metrics,
                new ModelMetadata.Rows(training.length, holdout.length, data.withoutTarget), fitSeconds, notes,
                predictor.fileName(),
                lineage(data, options.seed(), environment), Map.of());
        return write(output, metadata, data.profile, predictor, Map.of(predictor.fileName(), predictor.toBytes()));
    }

    private static void requireFits(final Algorithm algorithm, final Task task, final Path file, final String target) {
        switch (algorithm) {
            case LOGISTIC -> {
                if (!task.isClassification()) {
                    throw new TrainException(file + ": logistic regression predicts classes, but the target '" + target
                            + "' is a regression target; use linear or gbt, or set the task");
                }
            }
            case LINEAR -> {
                if (task != Task.REGRESSION) {
                    throw new TrainException(file + ": linear (ridge) regression predicts numbers, but the target '"
                            + target + "' is a " + task.label() + " target; use logistic or gbt");
                }
            }
            case GBT -> {
                // trees handle every task
            }
            case EXTERNAL -> throw new TrainException("An external trainer runs a command: use ExternalTrainer.train");
        }
    }

    static Predictor fit(final TrainOptions options, final Map<String, String> hyper, final Target target,
            final Encoder encoder, final double[] inputs, final int[] rows) {
        double[] center = new double[encoder.width()];
        double[] scale = new double[encoder.width()];
        List<Feature> features = encoder.features();
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            int at = encoder.offset(f);
            for (int k = 0; k < feature.width(); k++) {
                center[at + k] = feature.type() == ColumnType.NUMERIC ? feature.mean() : 0.0;
                scale[at + k] = feature.type() == ColumnType.NUMERIC ? feature.std() : 1.0;
            }
        }
        int n = rows.length;
        List<String> outputs = target.task == Task.MULTICLASS ? target.classes
                : target.task == Task.BINARY ? List.of(target.classes.get(1)) : List.of(options.target());
        return switch (options.algorithm()) {
            case LOGISTIC -> LinearFits.logistic(target.task, target.classes.size(), inputs, n, center, scale,
                    target.classesOf(rows), hyper).named(Algorithm.LOGISTIC, encoder.inputNames(), outputs);
            case LINEAR -> LinearFits.ridge(inputs, n, center, scale, target.valuesOf(rows), hyper)
                    .named(Algorithm.LINEAR, encoder.inputNames(), outputs);
            case GBT -> {
                float[] labels = new float[n];
                if (target.task.isClassification()) {
                    int[] classes = target.classesOf(rows);
                    for (int i = 0; i < n; i++) {
                        labels[i] = classes[i];
                    }
                } else {
                    double[] values = target.valuesOf(rows);
                    for (int i = 0; i < n; i++) {
                        labels[i] = (float) values[i];
                    }
                }
                yield GbtModel.train(target.task, target.classes.size(), inputs, n, encoder.width(), labels, hyper,
                        options.seed());
            }
            case EXTERNAL -> throw new TrainException("An external trainer runs a command: use ExternalTrainer.train");
        };
    }

    static Predictions predictions(final Target target, final Predictor predictor, final double[] inputs,
            final int[] rows, final long unseen) {
        return predictions(target, predictor.predict(inputs, rows.length), rows, unseen);
    }

    /** The predictions of {@code rows} from the model's outputs on them ({@link Predictor#predict}'s layout). */
    static Predictions predictions(final Target target, final double[] out, final int[] rows, final long unseen) {
        if (target.task.isClassification()) {
            int k = target.classes.size();
            double[][] probabilities = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                probabilities[i] = Arrays.copyOfRange(out, i * k, (i + 1) * k);
            }
            return new Predictions(target.task, target.classes, target.classesOf(rows), probabilities, null, null,
                    unseen);
        }
        return new Predictions(target.task, List.of(), null, null, target.valuesOf(rows), out, unseen);
    }

    /** Shuffles the row indices under the seed; the holdout takes the first share; each part is kept in file order. */
    static int[][] split(final int rows, final double fraction, final long seed, final Path file) {
        int held = (int) Math.round(rows * fraction);
        if (rows - held < 2) {
            throw new TrainException(file + ": " + rows + " rows with a target leave " + (rows - held)
                    + " for training after the holdout; at least 2 are needed");
        }
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] holdout = Arrays.copyOfRange(order, 0, held);
        int[] training = Arrays.copyOfRange(order, held, rows);
        Arrays.sort(holdout);
        Arrays.sort(training);
        return new int[][] {training, holdout};
    }

    private static int distinctClasses(final int[] classIndex, final int[] rows) {
        return (int) Arrays.stream(rows).map(r -> classIndex[r]).distinct().count();
    }

    /** Each feature's encoding, learnt from the training rows only, so that the holdout measures unseen data. */
    static List<Feature> features(final TrainingData data, final int[] rows, final Map<String, String> skipped) {
        List<Feature> features = new ArrayList<>();
        for (int f = 0; f < data.featureNames.size(); f++) {
            String name = data.featureNames.get(f);
            ColumnType type = data.featureTypes.get(f);
            if (type == ColumnType.NUMERIC) {
                double[] values = data.numbers.get(f);
                double sum = 0;
                long count = 0;
                for (int r : rows) {
                    if (!Double.isNaN(values[r])) {
                        sum += values[r];
                        count++;
                    }
                }
                if (count == 0) {
                    skipped.put(name, noValues(data, f, rows.length));
                    continue;
                }
                double mean = sum / count;
                double squares = 0;
                for (int r : rows) {
                    if (!Double.isNaN(values[r])) {
                        squares += (values[r] - mean) * (values[r] - mean);
                    }
                }
                double std = Math.sqrt(squares / count);
                features.add(new Feature(name, type, List.of(), mean, std > 1e-12 * Math.max(1, Math.abs(mean)) ? std
                        : 1.0));
            } else {
                List<String> labels = data.labels.get(f);
                long[] counts = new long[labels.size()];
                for (int r : rows) {
                    int code = data.codes.get(f)[r];
                    if (code >= 0) {
                        counts[code]++;
                    }
                }
                List<Integer> present = new ArrayList<>();
                for (int c = 0; c < counts.length; c++) {
                    if (counts[c] > 0) {
                        present.add(c);
                    }
                }
                if (present.isEmpty()) {
                    skipped.put(name, noValues(data, f, rows.length));
                    continue;
                }
                present.sort(Comparator.<Integer>comparingLong(c -> -counts[c]).thenComparing(labels::get));
                List<String> categories = new ArrayList<>();
                for (int i = 0; i < Math.min(MAX_CATEGORIES, present.size()); i++) {
                    categories.add(labels.get(present.get(i)));
                }
                categories.sort(Comparator.naturalOrder());
                features.add(new Feature(name, type, categories, Double.NaN, Double.NaN));
            }
        }
        if (features.isEmpty()) {
            throw new TrainException(data.file + ": no usable feature is left: " + skipped);
        }
        return features;
    }

    /**
     * Why a feature column with no values in the training rows is left out, with how many values the other
     * (holdout) rows hold: a model cannot learn from a column it has not seen, and must not shift the others.
     */
    private static String noValues(final TrainingData data, final int feature, final int trainingRows) {
        long values = 0;
        double[] numbers = data.numbers.get(feature);
        int[] codes = data.codes.get(feature);
        for (int r = 0; r < data.rows; r++) {
            if (numbers != null ? !Double.isNaN(numbers[r]) : codes[r] >= 0) {
                values++;
            }
        }
        return NO_VALUES + (values == 0 || trainingRows == data.rows ? "" : " (" + values + " in the holdout rows)");
    }

    /** The notes that name each feature column left out for having no values in the training rows. */
    static List<String> emptyFeatureNotes(final Map<String, String> skipped) {
        List<String> notes = new ArrayList<>();
        skipped.forEach((name, reason) -> {
            if (reason.startsWith(NO_VALUES)) {
                notes.add("the feature column '" + name + "' was left out of the model: " + reason
                        + "; predictions ignore it");
            }
        });
        return notes;
    }

    static Lineage lineage(final TrainingData data, final long seed, final UnaryOperator<String> environment) {
        Path name = data.file.getFileName();
        String version = Trainer.class.getPackage().getImplementationVersion();
        return new Lineage(List.of(new Lineage.Input(name == null ? data.file.toString() : name.toString(), data.sha256,
                data.profile.rows())), blankToNull(environment.apply("GIT_COMMIT")),
                blankToNull(environment.apply("BUILD_URL")), Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                version == null ? "development" : version, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"), seed);
    }

    @CheckForNull
    private static String blankToNull(@CheckForNull final String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Writes a package through a staging folder and publishes it; nothing is left behind on failure. */
    static ModelPackage write(final Path output, final ModelMetadata metadata, final Profile profile,
            final Predictor predictor, final Map<String, byte[]> files) {
        Path staging = PackageFiles.stagingFolder(output);
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                PackageFiles.write(staging.resolve(file.getKey()), file.getValue());
            }
            return finish(staging, output, metadata, profile, predictor);
        } catch (RuntimeException e) {
            PackageFiles.deleteTree(staging);
            throw e;
        }
    }

    /** Adds the profile and {@code model.json} (with every file's SHA-256) to a staging folder and publishes it. */
    static ModelPackage finish(final Path staging, final Path output, final ModelMetadata metadata,
            final Profile profile, @CheckForNull final Predictor predictor) {
        ProfileJson.write(profile, staging.resolve(ModelPackage.PROFILE));
        ModelMetadata complete = new ModelMetadata(metadata.formatVersion(), metadata.algorithm(), metadata.task(),
                metadata.target(), metadata.features(), metadata.skipped(), metadata.classes(),
                metadata.hyperparameters(), metadata.metrics(), metadata.rows(), metadata.fitSeconds(), metadata.notes(),
                metadata.modelFile(),
                metadata.lineage(), PackageFiles.hashes(staging, ModelPackage.METADATA));
        PackageFiles.write(staging.resolve(ModelPackage.METADATA), Json.bytes(PackageJson.toJson(complete)));
        PackageFiles.publish(staging, output);
        return new ModelPackage(output, complete, profile, predictor);
    }
}
