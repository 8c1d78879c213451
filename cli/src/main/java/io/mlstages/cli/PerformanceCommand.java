package io.mlstages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.incident.LivePerformance;
import io.mlstages.incident.PerformanceResult;
import io.mlstages.metrics.Metric;
import io.mlstages.registry.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlstages performance}: live performance from labels joined to the prediction log; rolls back below a gate. */
@Command(name = "performance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Join a labels file (CSV: an id and the true label) to the serving prediction log by request id "
                + "(rows sent with an _id field), compute the metrics of the version the alias points to, and roll "
                + "the alias back when a bound fails (see docs/incidents.md).",
            "Exit code 1 means a bound failed."})
final class PerformanceCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Mixin
    RegisteredModelMixin registered;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = "production",
            description = "The alias whose version is judged and rolled back (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = "--labels", paramLabel = "FILE", required = true,
            description = "The labels: a CSV file with a header, an id column and a label column.")
    Path labels;

    @Option(names = "--id-column", paramLabel = "NAME", defaultValue = "id",
            description = "The labels' id column, matched to the _id the rows were served with (default: "
                    + "${DEFAULT-VALUE}).")
    String idColumn;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "The labels' label column (default: the model's target).")
    @CheckForNull String labelColumn;

    @Option(names = "--prediction-log", paramLabel = "DIR", required = true,
            description = "The folder 'mlstages serve --log-dir' writes predictions*.jsonl to.")
    Path predictionLog;

    @Option(names = "--min", paramLabel = "METRIC=VALUE", split = ",",
            description = "A lower bound, e.g. accuracy=0.9. Repeatable.")
    @Range(min = "-1e12", max = "1e12")
    Map<String, Double> min = new LinkedHashMap<>();

    @Option(names = "--max", paramLabel = "METRIC=VALUE", split = ",",
            description = "An upper bound, e.g. rmse=3.5. Repeatable.")
    @Range(min = "-1e12", max = "1e12")
    Map<String, Double> max = new LinkedHashMap<>();

    @Option(names = "--rollback", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Roll the alias back when a bound fails (default: on).")
    boolean rollback;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (min.isEmpty() && max.isEmpty()) {
            throw new IllegalArgumentException("Give at least one bound: --min METRIC=VALUE or --max METRIC=VALUE");
        }
        PerformanceResult result = LivePerformance.check(registered.open(), registered.model, alias, labels, idColumn,
                labelColumn, predictionLog, metrics(min), metrics(max), rollback, Actor.fromEnvironment());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = JSON.createObjectNode();
            node.put("model", result.model());
            node.put("version", result.version());
            node.put("joined", result.joined());
            node.put("unlabelled", result.unlabelled());
            node.put("unmatchedLabels", result.unmatched());
            ObjectNode metrics = node.putObject("metrics");
            result.evaluation().metrics().forEach(metrics::put);
            node.put("passed", result.passed());
            result.failures().forEach(node.putArray("failures")::add);
            if (result.rolledBack() == null) {
                node.putNull("rolledBackTo");
            }
            else {
                node.put("rolledBackTo", result.rolledBack());
            }
            out.println(node.toPrettyString());
        }
        else {
            out.printf("Live performance of %s version %d: %d labelled predictions (%d without a label, %d labels "
                    + "without a prediction)%n", result.model(), result.version(), result.joined(), result.unlabelled(),
                    result.unmatched());
            result.evaluation().metrics().forEach((name, value) -> out.printf("  %-20s %.4f%n", name, value));
            if (result.passed()) {
                out.println("PASS: every bound held.");
            }
            else {
                result.failures().forEach(f -> out.println("FAIL: " + f));
                out.println(result.rolledBack() != null ? "Rolled back alias '" + alias + "' to version "
                        + result.rolledBack() + "." : rollback ? "Rolled back: the alias had no earlier version and was"
                        + " removed." : "Not rolled back (--no-rollback).");
            }
        }
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.FINDING;
    }

    private static Map<Metric, Double> metrics(final Map<String, Double> bounds) {
        Map<Metric, Double> parsed = new LinkedHashMap<>();
        bounds.forEach((name, value) -> parsed.put(Metric.parse(name), value));
        return parsed;
    }
}
