package io.mlstages.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the user's own training program and wraps what it writes into a {@link ModelPackage} (algorithm
 * {@code external}) with the training data's profile and lineage made here, so that externally trained models
 * get the same drift reference and audit trail as built-in ones.
 *
 * <p>The program is started directly from an argument list, never through a shell, so no data value can reach a
 * command line. It learns what to do from environment variables: {@code MLSTAGES_TRAIN_DATA} (absolute path of
 * the data file), {@code MLSTAGES_OUTPUT_DIR} (an empty folder where it must write its model files, and
 * optionally {@code metrics.json}), {@code MLSTAGES_TARGET}, {@code MLSTAGES_TASK}, {@code MLSTAGES_FEATURES}
 * and {@code MLSTAGES_CLASSES} (JSON arrays), {@code MLSTAGES_HYPERPARAMETERS} (a JSON object of text values),
 * {@code MLSTAGES_SEED} and {@code MLSTAGES_HOLDOUT}.</p>
 */
public final class ExternalTrainer {
    /** How many of the program's last output lines an error shows. */
    static final int TAIL_LINES = 20;
    /** The optional metrics file the program may write into its output folder. */
    public static final String METRICS = "metrics.json";
    /** The package folder that holds what the program wrote. */
    static final String MODEL_FOLDER = "model";

    private ExternalTrainer() {
    }

    /**
     * Reads and profiles {@code trainData} (which also checks the target and infers the task), runs the program,
     * streams each line it prints (stdout and stderr) to {@code lines}, and packages its output.
     *
     * @throws TrainException when the command is malformed or cannot start, the program fails (with its last
     *                        lines), exceeds the timeout (it is killed with its child processes), writes no model
     *                        file, or writes a malformed {@code metrics.json}
     */
    public static ModelPackage train(final Path trainData, final TrainOptions options, final ExternalOptions external,
            final Path output, final Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        List<String> argv = split(external.command());
        Map<String, String> hyper = Hyperparameters.resolve(Algorithm.EXTERNAL, options.hyperparameters());
        TrainingData data = TrainingData.read(trainData, options);
        Target target = Target.of(data, options);
        int[] all = new int[data.rows];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Map<String, String> skipped = new LinkedHashMap<>(data.skipped);
        List<Feature> features = Trainer.features(data, all, skipped);

        Path staging = PackageFiles.stagingFolder(output);
        try {
            Path modelFolder = Files.createDirectories(staging.resolve(MODEL_FOLDER));
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("MLSTAGES_TRAIN_DATA", trainData.toAbsolutePath().toString());
            environment.put("MLSTAGES_OUTPUT_DIR", modelFolder.toAbsolutePath().toString());
            environment.put("MLSTAGES_TARGET", options.target());
            environment.put("MLSTAGES_TASK", target.task.label());
            environment.put("MLSTAGES_FEATURES", jsonArray(features.stream().map(Feature::name).toList()));
            environment.put("MLSTAGES_CLASSES", jsonArray(target.classes));
            ObjectNode hyperJson = Json.MAPPER.createObjectNode();
            hyper.forEach(hyperJson::put);
            environment.put("MLSTAGES_HYPERPARAMETERS", hyperJson.toString());
            environment.put("MLSTAGES_SEED", Long.toString(options.seed()));
            environment.put("MLSTAGES_HOLDOUT", Double.toString(options.holdout()));
            long runStart = System.nanoTime();
            run(argv, external, environment, lines);
            double runSeconds = (System.nanoTime() - runStart) / 1e9;

            Map<String, Map<String, Double>> metrics = collect(modelFolder, argv.get(0));
            ModelMetadata metadata = new ModelMetadata(ModelPackage.FORMAT_VERSION, Algorithm.EXTERNAL, target.task,
                    options.target(), features, skipped, target.classes, hyper, metrics,
                    new ModelMetadata.Rows(data.rows, 0, data.withoutTarget), runSeconds, Trainer.emptyFeatureNotes(skipped), MODEL_FOLDER,
                    Trainer.lineage(data, options.seed(), System::getenv), Map.of());
            return Trainer.finish(staging, output, metadata, data.profile, null);
        } catch (IOException e) {
            PackageFiles.deleteTree(staging);
            throw new ModelPackageException("Cannot prepare the package " + output + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            PackageFiles.deleteTree(staging);
            throw e;
        }
    }

    private static String jsonArray(final List<String> values) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array.toString();
    }

    private static void run(final List<String> argv, final ExternalOptions external,
            final Map<String, String> environment, final Consumer<String> lines) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        Path workingDirectory = external.workingDirectory();
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().putAll(environment);
        // one stream in the order the program wrote it, so that the last lines shown on failure are the real last
        builder.redirectErrorStream(true);
        Deque<String> tail = new ArrayDeque<>();
        Consumer<String> sink = line -> {
            synchronized (tail) {
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
                lines.accept(line);
            }
        };
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TrainException("Cannot start the external trainer '" + argv.get(0) + "': " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the program gets no input either way
        }
        Thread out = pump(process.getInputStream(), sink, "output");
        boolean finished;
        try {
            finished = process.waitFor(external.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new TrainException("Interrupted while the external trainer '" + argv.get(0) + "' ran; it was stopped");
        }
        if (!finished) {
            kill(process);
        }
        join(out);
        if (!finished) {
            throw new TrainException("The external trainer '" + argv.get(0) + "' did not finish within "
                    + external.timeout() + " and was stopped with its child processes" + tail(tail));
        }
        if (process.exitValue() != 0) {
            throw new TrainException("The external trainer '" + argv.get(0) + "' failed with exit code "
                    + process.exitValue() + tail(tail));
        }
    }

    private static String tail(final Deque<String> tail) {
        synchronized (tail) {
            if (tail.isEmpty()) {
                return "; it printed nothing";
            }
            return "; its last lines:\n  " + String.join("\n  ", tail);
        }
    }

    /** Kills the process and every process it started (children first, so that none is re-parented and missed). */
    private static void kill(final Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle descendant : descendants) {
                // a kill is delivered asynchronously: wait (bounded) until each one is gone
                descendant.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
            // the error already says the program was stopped; a process that outlives SIGKILL is beyond our reach
        }
    }

    private static Thread pump(final InputStream stream, final Consumer<String> sink, final String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the stream closes when the process is killed; the exit status reports what matters
            }
        }, "external-trainer-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(final Thread thread) {
        try {
            // a grandchild that escaped the kill may hold the pipe open: do not wait for it forever
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks the program's output folder and reads its metrics. */
    private static Map<String, Map<String, Double>> collect(final Path folder, final String program)
            throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(path)) {
                    throw new TrainException("The external trainer '" + program + "' wrote a symbolic link ("
                            + PackageFiles.relative(folder, path) + "); a package holds only real files");
                }
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(path);
                }
            }
        }
        Path metricsFile = folder.resolve(METRICS);
        if (files.stream().noneMatch(f -> !f.equals(metricsFile))) {
            throw new TrainException("The external trainer '" + program
                    + "' wrote no model file into MLSTAGES_OUTPUT_DIR");
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        if (Files.isRegularFile(metricsFile)) {
            String shown = program + "'s " + METRICS;
            JsonNode root;
            try {
                root = Json.parse(Files.readAllBytes(metricsFile), shown);
            } catch (ModelPackageException e) {
                throw new TrainException(e.getMessage(), e);
            }
            if (!root.isObject()) {
                throw new TrainException(shown + ": expected a JSON object of metric values");
            }
            // either {"holdout": {"accuracy": 0.9}, ...} by split, or flat {"accuracy": 0.9} (recorded as "reported")
            Map<String, Double> flat = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue().isObject()) {
                    metrics.put(entry.getKey(), numbers(entry.getValue(), shown + ", '" + entry.getKey() + "'"));
                } else if (entry.getValue().isNumber()) {
                    flat.put(entry.getKey(), entry.getValue().doubleValue());
                } else {
                    throw new TrainException(shown + ": '" + entry.getKey() + "' is " + entry.getValue()
                            + "; expected a number or an object of numbers");
                }
            }
            if (!flat.isEmpty()) {
                metrics.put("reported", flat);
            }
        }
        return metrics;
    }

    private static Map<String, Double> numbers(final JsonNode node, final String shown) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isNumber()) {
                throw new TrainException(shown + ": '" + entry.getKey() + "' is " + entry.getValue()
                        + "; expected a number");
            }
            values.put(entry.getKey(), entry.getValue().doubleValue());
        }
        return values;
    }

    /**
     * Splits a command into words, as a simple shell would but without any expansion: blanks separate words;
     * {@code '...'} keeps its text exactly; {@code "..."} keeps its text, with {@code \"} and {@code \\} standing for
     * {@code "} and {@code \}; outside quotes a backslash keeps the next character as it is. Variables, globs,
     * pipes and redirections mean nothing here: {@code $HOME} stays {@code $HOME}.
     *
     * @throws TrainException for an unterminated quote or an empty command
     */
    public static List<String> split(final String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = command.length();
        while (i < n) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new TrainException("The command has an unterminated ' quote: " + command);
                }
                word.append(command, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = command.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && (command.charAt(i + 1) == '"' || command.charAt(i + 1) == '\\')) {
                        word.append(command.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new TrainException("The command has an unterminated \" quote: " + command);
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < n) {
                word.append(command.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new TrainException("The external trainer's command is empty");
        }
        return words;
    }
}
