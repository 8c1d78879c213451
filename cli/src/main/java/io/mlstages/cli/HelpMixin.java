package io.mlstages.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} alone, for the commands that take a {@code --version N} option: picocli's standard help
 * options would add {@code -V}/{@code --version} for the program's version, taking that name.
 */
final class HelpMixin {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
