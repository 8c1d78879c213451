package io.mlstages.cli;

import io.mlstages.MlStagesException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The root command: lists the subcommands and maps errors to exit codes and messages. */
@Command(name = "mlstages", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "CI/CD, continuous training and continuous monitoring for machine-learning models.",
        subcommands = {ProfileCommand.class, DriftCommand.class, TrainCommand.class, ValidateCommand.class,
            RegistryCommand.class, DeployCommand.class, RollbackCommand.class, ServeCommand.class,
            CheckCommand.class, IncidentCommand.class, PerformanceCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success, no finding",
            "1:a finding (dataset drift, a failed gate)",
            "2:bad input or usage (the reason is on stderr)",
            "3:internal error (set MLSTAGES_DEBUG=1 for the stack trace)"})
final class MlStages implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }

    /** The configured command line: used by {@link Main} and by tests, which set their own out and err. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new MlStages());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler(MlStages::handle);
        line.setParameterExceptionHandler(MlStages::handleUsage);
        return line;
    }

    private static int handleUsage(final CommandLine.ParameterException e, final String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("mlstages: " + e.getMessage());
        err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static int handle(final Exception e, final CommandLine line, final CommandLine.ParseResult result) {
        PrintWriter err = line.getErr();
        if (e instanceof MlStagesException || e instanceof IllegalArgumentException
                || e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("mlstages: " + message(e));
            debug(e, err);
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("mlstages: internal error: " + message(e));
        if (!debug(e, err)) {
            err.println("Set MLSTAGES_DEBUG=1 to see the stack trace, and please report it.");
        }
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
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

    private static boolean debug(final Throwable e, final PrintWriter err) {
        String flag = System.getenv("MLSTAGES_DEBUG");
        if (flag != null && !flag.isEmpty() && !"0".equals(flag)) {
            e.printStackTrace(err);
            return true;
        }
        return false;
    }
}
