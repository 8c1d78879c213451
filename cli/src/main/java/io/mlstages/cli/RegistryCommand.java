package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.registry.AliasMove;
import io.mlstages.registry.ModelVersion;
import io.mlstages.registry.Registry;
import io.mlstages.registry.RegistryVerifier;
import io.mlstages.registry.Verification;
import io.mlstages.registry.VersionDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlstages registry list|show|diff|history}: reads the model registry. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Read the model registry: models, versions, aliases and the history of every alias move; "
                + "verify its integrity.",
        subcommands = {RegistryCommand.ListVersions.class, RegistryCommand.Show.class, RegistryCommand.Diff.class,
            RegistryCommand.History.class, RegistryCommand.Verify.class, RegistryCommand.Retain.class})
final class RegistryCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing a registry command: list, show, diff, history, verify or retain");
    }

    /** The registry folder and the JSON switch every registry command takes. */
    static class RegistryOptions {
        @Option(names = "--registry", paramLabel = "DIR|S3URL", required = true,
                description = "The registry: a folder, or s3://bucket/prefix.")
        String root;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        Registry open() {
            return Registries.open(root);
        }
    }

    /** The same, for a command on one model. */
    static final class ModelOptions extends RegistryOptions {
        @Option(names = "--model", paramLabel = "NAME", required = true, description = "The model.")
        String model;
    }

    static String toJson(final Object value) {
        return Summaries.recordJson(value);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the models, or the versions of one model with their aliases.")
    static final class ListVersions implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Mixin
        RegistryOptions registry;

        @Option(names = "--model", paramLabel = "NAME", description = "List this model's versions.")
        @CheckForNull String model;

        @Override
        public Integer call() {
            Registry opened = registry.open();
            PrintWriter out = spec.commandLine().getOut();
            if (model == null) {
                List<String> models = opened.models();
                if (registry.json) {
                    out.println(toJson(models));
                }
                else {
                    models.forEach(name -> out.println(name + "  " + opened.versions(name).size() + " versions  "
                            + opened.aliases(name)));
                }
            }
            else {
                List<ModelVersion> versions = opened.versions(model);
                Map<String, Integer> aliases = opened.aliases(model);
                if (registry.json) {
                    out.println(toJson(versions));
                }
                else {
                    for (ModelVersion version : versions) {
                        StringBuilder line = new StringBuilder().append(model).append(" v").append(version.version())
                                .append("  ").append(version.registeredAt()).append("  ")
                                .append(version.algorithm()).append(' ').append(version.task())
                                .append(version.blessed() ? "  blessed" : "  not blessed");
                        aliases.forEach((alias, v) -> {
                            if (v == version.version()) {
                                line.append("  [").append(alias).append(']');
                            }
                        });
                        out.println(line);
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    // not mixinStandardHelpOptions: its -V/--version would take the name of the --version N option below
    @Command(name = "show", description = "Show one version, or the one an alias points at.")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Mixin
        HelpMixin help;

        @picocli.CommandLine.Mixin
        ModelOptions registry;

        @Option(names = "--version", paramLabel = "N", description = "The version (default: the alias's).")
        @Range(min = "1", max = "2147483647")
        @CheckForNull Integer version;

        @Option(names = "--alias", paramLabel = "NAME", defaultValue = "production",
                description = "The alias to show when no --version is given (default: ${DEFAULT-VALUE}).")
        String alias;

        @Override
        public Integer call() {
            String model = registry.model;
            Registry opened = registry.open();
            int chosen = version != null ? version : opened.alias(model, alias).orElseThrow(
                    () -> new IllegalArgumentException("Model '" + model + "' has no alias '" + alias
                            + "'; give --version N"));
            ModelVersion shown = opened.version(model, chosen);
            PrintWriter out = spec.commandLine().getOut();
            if (registry.json) {
                out.println(toJson(shown));
            }
            else {
                out.println(model + " v" + shown.version() + " (" + shown.algorithm() + " " + shown.task() + ")");
                out.println("  registered " + shown.registeredAt() + " by " + shown.registeredBy().user()
                        + (shown.registeredBy().buildUrl() == null ? "" : " in " + shown.registeredBy().buildUrl()));
                out.println("  " + (shown.blessed() ? "blessed" : "not blessed"));
                out.println("  files: " + shown.files().size() + " (SHA-256 recorded and checked on load)");
                opened.aliases(model).forEach((name, v) -> {
                    if (v == shown.version()) {
                        out.println("  alias " + name);
                    }
                });
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compare two versions: metrics, schema, hyperparameters and lineage.")
    static final class Diff implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Mixin
        ModelOptions registry;

        @Parameters(index = "0", paramLabel = "A", description = "The first version.")
        @Range(min = "1", max = "2147483647")
        int a;

        @Parameters(index = "1", paramLabel = "B", description = "The second version.")
        @Range(min = "1", max = "2147483647")
        int b;

        @Override
        public Integer call() {
            String model = registry.model;
            PrintWriter out = spec.commandLine().getOut();
            VersionDiff diff = registry.open().diff(model, a, b);
            if (registry.json) {
                out.println(toJson(diff));
            }
            else {
                out.println(model + ": v" + a + " -> v" + b);
                out.println("metrics:");
                for (VersionDiff.MetricChange change : diff.metrics()) {
                    out.printf(java.util.Locale.ROOT, "  %-8s %-20s %12s -> %-12s%n", change.split(), change.metric(),
                            change.a() == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", change.a()),
                            change.b() == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", change.b()));
                }
                section(out, "schema", diff.schema());
                section(out, "hyperparameters", diff.hyperparameters());
                section(out, "lineage", diff.lineage());
                section(out, "files", diff.files());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static void section(final PrintWriter out, final String title, final List<VersionDiff.Change> changes) {
        out.println(title + (changes.isEmpty() ? ": no difference" : ":"));
        for (VersionDiff.Change change : changes) {
            out.println("  " + change.name() + ": " + (change.a() == null ? "-" : change.a()) + " -> "
                    + (change.b() == null ? "-" : change.b()));
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every alias move of a model, oldest first: which version, when, by whom, why.")
    static final class History implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Mixin
        ModelOptions registry;

        @Option(names = "--alias", paramLabel = "NAME", description = "Only this alias.")
        @CheckForNull String alias;

        @Override
        public Integer call() {
            String model = registry.model;
            List<AliasMove> moves = registry.open().history(model).stream()
                    .filter(m -> alias == null || alias.equals(m.alias())).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (registry.json) {
                out.println(toJson(moves));
            }
            else {
                for (AliasMove move : moves) {
                    out.println(move.at() + "  " + move.alias() + ": " + (move.from() == null ? "-" : "v" + move.from())
                            + " -> " + (move.to() == null ? "-" : "v" + move.to()) + "  " + move.action()
                            + (move.forced() ? " (forced)" : "") + "  by " + move.actor().user()
                            + (move.actor().buildUrl() == null ? "" : " in " + move.actor().buildUrl())
                            + (move.message() == null || move.message().isBlank() ? "" : "  \"" + move.message() + "\""));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "retain", mixinStandardHelpOptions = true,
            description = {"Apply retention to a model: delete the versions no alias points at but the newest --keep of "
                    + "them (numbers are never reused), and what killed registrations left behind (on S3, uploads no "
                    + "version names that are over an hour old). See docs/registry.md.",
                "Exit code 0, also when nothing was deleted; 2 for bad input."})
    static final class Retain implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Mixin
        ModelOptions registry;

        @Option(names = "--keep", paramLabel = "K", required = true,
                description = "How many of the newest unaliased versions to keep.")
        @Range(min = "0", max = "1000000")
        int keep;

        /** What retention deleted, as JSON. */
        record Retained(String model, List<Integer> deleted) {
        }

        @Override
        public Integer call() {
            List<Integer> deleted = registry.open().retain(registry.model, keep);
            PrintWriter out = spec.commandLine().getOut();
            if (registry.json) {
                out.println(toJson(new Retained(registry.model, deleted)));
            }
            else {
                out.println(deleted.isEmpty() ? "Retention deleted no version of " + registry.model
                        : "Retention deleted " + registry.model + " versions " + deleted.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    // not mixinStandardHelpOptions: its -V/--version would take the name of the --version N option below
    @Command(name = "verify", description = {"Check the registry against every invariant of docs/registry.md: each "
            + "version's files and SHA-256, dense numbering, the history's chain of alias moves, aliases pointing at "
            + "versions that exist and verify. For scheduled integrity builds.",
        "Exit 0 when clean, 1 with each finding on stdout (model, version, file, what), 2 for bad input."})
    static final class Verify implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Mixin
        HelpMixin help;

        @picocli.CommandLine.Mixin
        RegistryOptions registry;

        @Option(names = "--model", paramLabel = "NAME", description = "Only this model (default: every model).")
        @CheckForNull String model;

        @Option(names = "--version", paramLabel = "N", description = "Only this version of --model.")
        @Range(min = "1", max = "2147483647")
        @CheckForNull Integer version;

        @Override
        public Integer call() {
            if (version != null && model == null) {
                throw new IllegalArgumentException("--version " + version + " needs --model NAME");
            }
            Verification result = Registry.isObjectStore(registry.root)
                    ? RegistryVerifier.verify(registry.root, model, version)
                    : RegistryVerifier.verify(Registries.existing(java.nio.file.Path.of(registry.root)), model, version);
            PrintWriter out = spec.commandLine().getOut();
            if (registry.json) {
                out.println(toJson(new Report(result.root(), result.clean(), result.models(), result.versions(),
                        result.moves(), result.findings(), result.notes())));
            }
            else {
                result.findings().forEach(out::println);
                result.notes().forEach(note -> out.println("note: " + note));
                out.println((result.clean() ? "Clean: " : "Damaged: ") + result.findings().size() + " finding"
                        + (result.findings().size() == 1 ? "" : "s") + " in " + result.models() + " model"
                        + (result.models() == 1 ? "" : "s") + ", " + result.versions() + " version"
                        + (result.versions() == 1 ? "" : "s") + ", " + result.moves() + " alias move"
                        + (result.moves() == 1 ? "" : "s"));
            }
            out.flush();
            return result.clean() ? ExitCodes.OK : ExitCodes.FINDING;
        }

        /** The JSON form: {@link Verification} with {@code clean} spelt out. */
        record Report(String registry, boolean clean, int models, int versions, int moves,
                List<Verification.Finding> findings, List<Verification.Finding> notes) {
        }
    }
}
