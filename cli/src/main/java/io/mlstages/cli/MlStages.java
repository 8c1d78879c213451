package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;
import io.mlstages.Texts;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The root command: lists the subcommands and maps errors to exit codes and messages. */
@Command(name = "mlstages", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "CI/CD, continuous training and continuous monitoring for machine-learning models.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success, no finding",
            "1:a finding (dataset drift, a failed gate)",
            "2:bad input or usage (the reason is on stderr)",
            "3:internal error (set MLSTAGES_DEBUG=1 for the stack trace)"})
final class MlStages implements Runnable {
    /**
     * The subcommands, by name, in the order the help lists them. They are added in {@link #commandLine} rather
     * than named in the annotation so that a run of one command builds only that command's model: picocli reads
     * every option of every command by reflection, which cost about 0.4 s of CPU per run for all of them.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("profile", ProfileCommand.class);
        commands.put("drift", DriftCommand.class);
        commands.put("train", TrainCommand.class);
        commands.put("validate", ValidateCommand.class);
        commands.put("registry", RegistryCommand.class);
        commands.put("deploy", DeployCommand.class);
        commands.put("rollback", RollbackCommand.class);
        commands.put("serve", ServeCommand.class);
        commands.put("check", CheckCommand.class);
        commands.put("incident", IncidentCommand.class);
        commands.put("performance", PerformanceCommand.class);
        commands.put("demo", DemoCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /** The root's options that take a value, which {@link #subcommandOf} steps over. */
    private static final Set<String> VALUED_OPTIONS = Set.of("--s3-endpoint", "--s3-region");
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CheckForNull
    private java.net.URI s3Endpoint;
    @CheckForNull
    private String s3Region;

    /** Every command takes it: s3:// data, reports and registries go to this S3-compatible endpoint. */
    @CommandLine.Option(names = "--s3-endpoint", paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            description = "An S3-compatible endpoint for s3:// locations, with path-style access (default: "
                    + "$MLSTAGES_S3_ENDPOINT, else AWS S3). Credentials come from the environment, a profile or the "
                    + "instance role, never from an option.")
    void s3Endpoint(final String endpoint) {
        s3Endpoint = io.mlstages.objectstore.S3Settings.endpoint(endpoint);
        io.mlstages.objectstore.S3Settings.configure(s3Endpoint, s3Region);
    }

    @CommandLine.Option(names = "--s3-region", paramLabel = "REGION", scope = CommandLine.ScopeType.INHERIT,
            description = "The region for s3:// locations (default: $MLSTAGES_S3_REGION, else the AWS region chain, "
                    + "else us-east-1).")
    void s3Region(final String region) {
        s3Region = region;
        io.mlstages.objectstore.S3Settings.configure(s3Endpoint, s3Region);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }

    /** The configured command line: used by {@link Main} and by tests, which set their own out and err. */
    static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /**
     * The command line for these arguments: with only the subcommand they name when they name one (the help,
     * usage errors and results are the same as with all of them), else with every subcommand.
     */
    static CommandLine commandLineFor(final String... args) {
        String name = subcommandOf(args);
        return commandLine(name == null || "help".equals(name) ? SUBCOMMANDS.keySet() : Set.of(name));
    }

    /** The subcommand the arguments name (the first word that is not a root option or its value), or null. */
    @CheckForNull
    static String subcommandOf(final String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (VALUED_OPTIONS.contains(arg)) {
                i++; // its value
            } else if (!arg.startsWith("-")) {
                return SUBCOMMANDS.containsKey(arg) ? arg : null;
            } else if (!arg.contains("=") || !VALUED_OPTIONS.contains(arg.substring(0, arg.indexOf('=')))) {
                return null; // --help, --version or a mistake: the whole command line answers it
            }
        }
        return null;
    }

    private static CommandLine commandLine(final Set<String> names) {
        // a new command line starts from the environment's S3 settings (tests run many in one JVM)
        io.mlstages.objectstore.S3Settings.configure(null, null);
        CommandLine line = new CommandLine(new MlStages());
        for (Map.Entry<String, Class<?>> command : SUBCOMMANDS.entrySet()) {
            if (names.contains(command.getKey())) {
                line.addSubcommand(command.getKey(), command.getValue());
            }
        }
        line.setCaseInsensitiveEnumValuesAllowed(true);
        Converters.register(line);
        line.setExecutionStrategy(parsed -> {
            // ranges are checked after parsing and before any command runs, so a bad value costs no work
            Converters.checkRanges(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        line.setExecutionExceptionHandler(MlStages::handle);
        line.setParameterExceptionHandler(MlStages::handleUsage);
        return line;
    }

    /**
     * Runs the command line and returns its exit code, whatever is thrown: picocli lets an {@link Error} through,
     * and the JVM would exit with 1 for it, which a pipeline reads as "drift found".
     */
    static int execute(final CommandLine line, final String... args) {
        try {
            return line.execute(args);
        }
        catch (Throwable e) { // an Error, or an exception a handler threw: a bug either way
            return internalError(e, line.getErr());
        }
    }

    private static int handleUsage(final CommandLine.ParameterException e, final String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("mlstages: " + Texts.line(e.getMessage() + " (see '" + line.getCommandSpec().qualifiedName()
                + " --help')"));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static int handle(final Exception e, final CommandLine line, final CommandLine.ParseResult result) {
        PrintWriter err = line.getErr();
        if (!hasError(e) && (e instanceof MlStagesException || e instanceof IllegalArgumentException
                || e instanceof IOException || e instanceof UncheckedIOException)) {
            err.println("mlstages: " + Texts.line(message(e)));
            debug(e, err);
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return internalError(e, err);
    }

    /**
     * A bug, or the JVM out of memory or stack: exit 3 and one line, never 1 (a finding) and never 2 (bad input),
     * even when an engine exception wraps the {@link Error}. Writing the line can itself fail when memory is
     * short; the exit code matters more.
     */
    static int internalError(final Throwable e, final PrintWriter err) {
        try {
            Throwable error = firstError(e);
            Throwable shown = error != null ? error : e;
            String text = message(shown);
            String kind = shown.getClass().getSimpleName();
            err.println("mlstages: internal error: " + Texts.line((text.equals(kind) ? kind : kind + ": " + text)
                    + " (please report it; MLSTAGES_DEBUG=1 prints the stack trace)"));
            debug(e, err);
            err.flush();
        }
        catch (Throwable ignored) { // nothing more can be said; the exit code still tells
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    private static boolean hasError(final Throwable e) {
        return firstError(e) != null;
    }

    @CheckForNull
    private static Throwable firstError(final Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof Error) {
                return t;
            }
        }
        return null;
    }

    private static String message(final Throwable e) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return message(e.getCause());
        }
        String text = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + text;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + text;
        }
        return text == null ? e.getClass().getSimpleName() : text;
    }

    static boolean debug(final Throwable e, final PrintWriter err) {
        String flag = System.getenv("MLSTAGES_DEBUG");
        if (flag != null && !flag.isEmpty() && !"0".equals(flag)) {
            e.printStackTrace(err);
            return true;
        }
        return false;
    }
}
