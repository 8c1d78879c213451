package io.mlstages.cli;

import picocli.CommandLine;

/** Entry point of the {@code mlstages} command: only runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(final String[] args) {
        System.exit(MlStages.commandLine().execute(args));
    }
}
