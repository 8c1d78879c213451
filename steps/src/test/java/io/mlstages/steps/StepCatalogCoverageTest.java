package io.mlstages.steps;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog against the real command line: every option of a step's command is a parameter of the step or
 * set by the step itself, and every parameter's option exists, on the command it is passed to. A new CLI option
 * without a step parameter fails here.
 */
class StepCatalogCoverageTest {
    /**
     * The command line as {@code mlstages} builds it, with every subcommand ({@code MlStages.commandLine()}; the
     * class is package-private, and its subcommands are added there, not named in its annotation).
     */
    private static CommandLine root() throws ReflectiveOperationException {
        java.lang.reflect.Method build = Class.forName("io.mlstages.cli.MlStages").getDeclaredMethod("commandLine");
        build.setAccessible(true);
        return (CommandLine) build.invoke(null);
    }

    private static CommandSpec command(final String name) throws ReflectiveOperationException {
        CommandLine sub = root().getSubcommands().get(name);
        assertThat(sub).as("mlstages has a command " + name).isNotNull();
        return sub.getCommandSpec();
    }

    private static Set<String> names(final CommandSpec spec) {
        Set<String> names = new HashSet<>();
        for (OptionSpec option : spec.options()) {
            names.addAll(names(spec, option));
        }
        return names;
    }

    /** An option's names, with the {@code --no-} form of a negatable one ({@code --[no-]require-blessing}). */
    private static List<String> names(final CommandSpec spec, final OptionSpec option) {
        List<String> names = new ArrayList<>(List.of(option.names()));
        if (option.negatable()) {
            for (String name : option.names()) {
                names.add(spec.negatableOptionTransformer().makeNegative(name, spec));
            }
        }
        return names;
    }

    @Test
    void shouldGiveEveryOptionOfEveryStepsCommandAParameterOrManageIt() throws ReflectiveOperationException {
        List<String> missing = new ArrayList<>();
        for (StepSpec step : StepCatalog.steps()) {
            Set<String> covered = new HashSet<>(step.managedOptions());
            step.parameters().stream().filter(p -> !p.pluginOnly()).forEach(p -> covered.add(p.option()));
            for (String commandName : step.commands()) {
                CommandSpec spec = command(commandName);
                for (OptionSpec option : spec.options()) {
                    if (names(spec, option).stream().noneMatch(covered::contains)) {
                        missing.add(step.functionName() + " (mlstages " + commandName + "): "
                                + option.longestName());
                    }
                }
            }
        }
        assertThat(missing).as("CLI options with no step parameter and not managed by the step").isEmpty();
    }

    @Test
    void shouldPassEveryParameterToACommandThatHasItsOption() throws ReflectiveOperationException {
        List<String> unknown = new ArrayList<>();
        for (StepSpec step : StepCatalog.steps()) {
            for (Parameter parameter : step.parameters()) {
                if (parameter.pluginOnly()) {
                    continue;
                }
                for (String commandName : commandsReceiving(step, parameter)) {
                    if (!names(command(commandName)).contains(parameter.option())) {
                        unknown.add(step.functionName() + "." + parameter.name() + ": mlstages " + commandName
                                + " has no " + parameter.option());
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void shouldManageOnlyOptionsThatExist() throws ReflectiveOperationException {
        for (StepSpec step : StepCatalog.steps()) {
            Set<String> all = new HashSet<>();
            for (String commandName : step.commands()) {
                all.addAll(names(command(commandName)));
            }
            // deploy's --version is its own option (the version to deploy), a parameter, not picocli's standard one
            assertThat(all).as(step.functionName()).containsAll(step.managedOptions().stream()
                    .filter(o -> !o.equals("--version") || !step.functionName().equals(StepCatalog.DEPLOY)).toList());
        }
    }

    /**
     * The commands a parameter is passed to: a drift check's model-only parameters go to {@code check}, its
     * reference-only ones to {@code drift}, the others to both.
     */
    private static List<String> commandsReceiving(final StepSpec step, final Parameter parameter) {
        if (step.commands().size() == 1) {
            return step.commands();
        }
        String requires = parameter.requires();
        while (requires != null && !requires.equals("model") && !requires.equals("reference")) {
            requires = step.parameter(requires).orElseThrow().requires();
        }
        if ("model".equals(requires) || parameter.name().equals("model")) {
            return List.of("check");
        }
        if ("reference".equals(requires) || parameter.name().equals("reference")) {
            return List.of("drift");
        }
        return step.commands();
    }
}
