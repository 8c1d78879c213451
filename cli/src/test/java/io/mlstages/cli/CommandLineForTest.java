package io.mlstages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link MlStages#commandLineFor}, which builds only the subcommand the arguments name (picocli reads every
 * option of every command by reflection, about 0.4 s of CPU per run): what the user sees must not depend on it.
 */
class CommandLineForTest {

    @Test
    void shouldListEverySubcommandUnderTheNameItsAnnotationGives() {
        CommandLine full = MlStages.commandLine();
        assertThat(full.getSubcommands().keySet()).containsExactlyElementsOf(MlStages.SUBCOMMANDS.keySet());
        for (Map.Entry<String, Class<?>> command : MlStages.SUBCOMMANDS.entrySet()) {
            CommandLine.Command annotation = command.getValue().getAnnotation(CommandLine.Command.class);
            assertThat(annotation.name()).as(command.getValue().getName()).isEqualTo(command.getKey());
        }
    }

    @Test
    void shouldGiveEachCommandAndNestedCommandTheSameHelpAsTheFullCommandLine() {
        CommandLine full = MlStages.commandLine();
        for (String name : MlStages.SUBCOMMANDS.keySet()) {
            CommandLine alone = MlStages.commandLineFor(name, "--help");
            if (!"help".equals(name)) {
                assertThat(alone.getSubcommands().keySet()).as(name).containsExactly(name);
            }
            for (List<String> path : paths(full.getSubcommands().get(name), List.of(name))) {
                List<String> words = new ArrayList<>(path);
                words.add("--help");
                String[] args = words.toArray(String[]::new);
                CliRun expected = CliRun.on(MlStages.commandLine(), args);
                CliRun actual = CliRun.on(MlStages.commandLineFor(args), args);
                assertThat(actual).as(String.join(" ", path)).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldGiveTheSameUsageErrorsAndRootAnswers() {
        String[][] cases = {
            {"drift", "--bogus"}, {"drift"}, {"check", "--registry"}, {"drif"}, {"--help"}, {"--version"},
            {}, {"--s3-endpoint", "http://127.0.0.1:9", "drift", "--help"}, {"--s3-region=eu-west-1", "profile"},
            {"help", "train"}, {"registry", "nosuch"}, {"-x"},
        };
        for (String[] args : cases) {
            CliRun expected = CliRun.on(MlStages.commandLine(), args);
            CliRun actual = CliRun.on(MlStages.commandLineFor(args), args);
            assertThat(actual).as(String.join(" ", args)).isEqualTo(expected);
        }
    }

    @Test
    void shouldFindTheSubcommandPastTheRootOptionsAndTheirValues() {
        assertThat(MlStages.subcommandOf("drift", "--current", "x.csv")).isEqualTo("drift");
        assertThat(MlStages.subcommandOf("--s3-endpoint", "http://h:1", "check")).isEqualTo("check");
        assertThat(MlStages.subcommandOf("--s3-region=eu-west-1", "train")).isEqualTo("train");
        assertThat(MlStages.subcommandOf("--s3-endpoint", "drift")).isNull(); // "drift" is the endpoint here
        assertThat(MlStages.subcommandOf("--help", "drift")).isNull();
        assertThat(MlStages.subcommandOf("drif")).isNull();
        assertThat(MlStages.subcommandOf()).isNull();
    }

    private static List<List<String>> paths(final CommandLine line, final List<String> path) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(path);
        for (Map.Entry<String, CommandLine> sub : line.getSubcommands().entrySet()) {
            List<String> longer = new ArrayList<>(path);
            longer.add(sub.getKey());
            paths.addAll(paths(sub.getValue(), longer));
        }
        return paths;
    }
}
