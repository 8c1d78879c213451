package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** Options about what a command prints, shared by every command. */
final class OutputMixin {
    @Option(names = {"-q", "--quiet"}, description = "Print no progress on stderr.")
    boolean quiet;

    /** Where progress goes: the command's stderr, or nowhere when quiet. */
    @CheckForNull
    PrintWriter progress(final CommandSpec spec) {
        return quiet ? null : spec.commandLine().getErr();
    }
}
