package io.mlstages.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every numeric and duration option of every command, found in picocli's model (so a new option is covered
 * without touching this test), given values at and beyond its limits: minimum and maximum are accepted; below,
 * above, overflow, negative, non-ASCII digits, empty and malformed values end with exit 2 and one line naming
 * the option.
 */
class OptionFuzzTest {
    /** One command line for every run: building one per run costs most of the time. */
    private static final CommandLine LINE = MlStages.commandLine();
    private static final Set<Class<?>> WHOLE = Set.of(int.class, Integer.class, long.class, Long.class);
    private static final Set<Class<?>> DECIMAL = Set.of(double.class, Double.class);

    /** A numeric or duration argument of a command. */
    record Numeric(CommandSpec command, ArgSpec arg, Class<?> type) {
        String name() {
            return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
        }

        @Override
        public String toString() {
            return command.qualifiedName() + " " + name();
        }
    }

    static List<Numeric> numericArgs() {
        List<Numeric> found = new ArrayList<>();
        collect(MlStages.commandLine(), found);
        return found;
    }

    private static void collect(final CommandLine line, final List<Numeric> found) {
        CommandSpec spec = line.getCommandSpec();
        for (ArgSpec arg : spec.args()) {
            Class<?> type = valueType(arg);
            if (WHOLE.contains(type) || DECIMAL.contains(type) || type == Duration.class) {
                found.add(new Numeric(spec, arg, type));
            }
        }
        line.getSubcommands().values().stream().filter(sub -> !"help".equals(sub.getCommandName()))
                .distinct().forEach(sub -> collect(sub, found));
    }

    /** The type of one value: the element of a list, the value of a map. */
    private static Class<?> valueType(final ArgSpec arg) {
        Class<?>[] aux = arg.auxiliaryTypes();
        if (Map.class.isAssignableFrom(arg.type())) {
            return aux.length > 1 ? aux[1] : String.class;
        }
        if (arg.isMultiValue()) {
            return aux.length > 0 ? aux[0] : String.class;
        }
        return arg.type();
    }

    @Test
    void shouldFindTheNumericOptionsOfEveryCommand() {
        List<String> names = numericArgs().stream().map(Numeric::toString).toList();

        assertThat(names).contains("mlstages profile --bins", "mlstages serve --max-body-kb", "mlstages check --cool-down",
                "mlstages train --timeout", "mlstages deploy --backoff", "mlstages deploy --connect-timeout",
                "mlstages serve --poll", "mlstages serve --log-max-mb", "mlstages deploy --version",
                "mlstages drift --threshold", "mlstages registry diff A");
    }

    @Test
    void shouldDeclareARangeForEveryNumericOptionThatHoldsItsDefault() {
        for (Numeric numeric : numericArgs()) {
            Range range = Converters.range(numeric.arg());
            assertThat(range).as(numeric + " needs a @Range").isNotNull();
            String fallback = numeric.arg().defaultValue();
            if (fallback != null && !(numeric.arg().getValue() instanceof Map)) {
                CliRun run = run(numeric, fallback);
                assertThat(run.err()).as(numeric + " default " + fallback).doesNotContain(numeric.name() + "'");
            }
        }
    }

    @Test
    void shouldAcceptTheEndsOfEveryRange() {
        for (Numeric numeric : numericArgs()) {
            Range range = Converters.range(numeric.arg());
            for (String value : List.of(range.min(), range.max())) {
                CliRun run = run(numeric, value);
                // the command may still fail later (the required files are dummies), but never on this value
                assertThat(run.err()).as(numeric + " " + value).doesNotContain("Invalid value for");
                assertThat(run.exitCode()).as(numeric + " " + value + ": " + run.err()).isNotEqualTo(3);
            }
        }
    }

    @Test
    void shouldRefuseEveryOutOfRangeOrMalformedValueWithExitTwoAndOneLine() {
        int cases = 0;
        for (Numeric numeric : numericArgs()) {
            for (String value : badValues(numeric)) {
                CliRun run = run(numeric, value);
                String what = numeric + "=" + value + " -> " + run.exitCode() + " " + run.err();
                assertThat(run.exitCode()).as(what).isEqualTo(2);
                assertThat(run.err().strip()).as(what).startsWith("mlstages: ").doesNotContain("\n", "Exception", "\tat ")
                        .contains(numeric.name());
                cases++;
            }
        }
        System.out.println("OptionFuzzTest: " + cases + " refused values over " + numericArgs().size()
                + " numeric and duration arguments");
        assertThat(cases).isGreaterThan(200);
    }

    /** Values the argument must refuse, for its type and range. */
    static List<String> badValues(final Numeric numeric) {
        Range range = Converters.range(numeric.arg());
        List<String> values = new ArrayList<>(List.of("", "abc", "१", "٣", "１２", " "));
        if (numeric.type() == Duration.class) {
            Duration max = Durations.parse(range.max());
            Duration min = Durations.parse(range.min());
            values.addAll(List.of("१s", "5", "5x", "-1s", "PT-1S", "99999999999999999999d", "9999999999999999d",
                    "999999999999999d", "P99999999999999999D", max.toMillis() + 1 + "ms"));
            if (!min.isZero()) {
                values.add(min.toMillis() - 1 + "ms");
            }
            return values;
        }
        BigDecimal min = new BigDecimal(range.min());
        BigDecimal max = new BigDecimal(range.max());
        boolean isLong = numeric.type() == long.class || numeric.type() == Long.class;
        BigDecimal typeMin = BigDecimal.valueOf(isLong ? Long.MIN_VALUE : Integer.MIN_VALUE);
        BigDecimal typeMax = BigDecimal.valueOf(isLong ? Long.MAX_VALUE : Integer.MAX_VALUE);
        values.addAll(List.of("99999999999999999999", "-99999999999999999999", "1 2", "0x10"));
        if (DECIMAL.contains(numeric.type())) {
            values.addAll(List.of("NaN", "Infinity", "-Infinity", "1e999", "1d", "0x1p3", "1,5"));
            values.add(min.subtract(BigDecimal.ONE).toPlainString());
            values.add(max.add(BigDecimal.ONE).toPlainString());
            return values;
        }
        values.addAll(List.of("1.5", "1e3"));
        values.add(typeMax.add(BigDecimal.ONE).toPlainString());
        values.add(typeMin.subtract(BigDecimal.ONE).toPlainString());
        if (min.compareTo(typeMin) > 0) {
            values.add(min.subtract(BigDecimal.ONE).toPlainString());
        }
        if (max.compareTo(typeMax) < 0) {
            values.add(max.add(BigDecimal.ONE).toPlainString());
            values.add(typeMax.toPlainString());
        }
        if (min.signum() >= 0) {
            values.add("-1");
        }
        return values;
    }

    /**
     * Runs the argument's command with the value and dummy values for its other required arguments, so that
     * nothing but the value under test can be a usage error before the command starts.
     */
    static CliRun run(final Numeric numeric, final String value) {
        List<String> args = new ArrayList<>();
        List<String> path = new ArrayList<>();
        for (CommandSpec spec = numeric.command(); spec.parent() != null; spec = spec.parent()) {
            path.add(0, spec.name());
        }
        args.addAll(path);
        for (OptionSpec option : numeric.command().options()) {
            if (option.required() && option != numeric.arg()) {
                args.add(option.longestName() + "=x");
            }
        }
        if (numeric.arg() instanceof OptionSpec option) {
            String given = option.type() == Map.class || Map.class.isAssignableFrom(option.type()) ? "c=" + value : value;
            args.add(option.longestName() + "=" + given);
        }
        List<String> positionals = new ArrayList<>();
        for (PositionalParamSpec positional : numeric.command().positionalParameters()) {
            if (positional == numeric.arg()) {
                positionals.add(value);
            }
            else if (positional.arity().min() > 0) {
                positionals.add(WHOLE.contains(positional.type()) ? "1" : "x");
            }
        }
        if (!positionals.isEmpty()) {
            args.add("--");
            args.addAll(positionals);
        }
        return CliRun.on(LINE, args.toArray(String[]::new));
    }
}
