package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One converter per value type for every option of every command: whole numbers, decimals and durations as a
 * person writes them, in ASCII digits only (Java's own parsers take any script's digits, so {@code १} was read
 * as 1), with overflow and non-finite values refused as usage errors. Each option's own limits come from its
 * {@link Range} and are checked once parsing is done, before a command runs.
 */
final class Converters {
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]{1,30}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]{1,30}(\\.[0-9]{0,30})?|\\.[0-9]{1,30})"
            + "([eE][+-]?[0-9]{1,4})?");

    private Converters() {
    }

    /** Installs the converters on the command line and all its subcommands. */
    static void register(final CommandLine line) {
        line.registerConverter(Integer.class, Converters::toInt);
        line.registerConverter(Integer.TYPE, Converters::toInt);
        line.registerConverter(Long.class, Converters::toLong);
        line.registerConverter(Long.TYPE, Converters::toLong);
        line.registerConverter(Double.class, Converters::toDouble);
        line.registerConverter(Double.TYPE, Converters::toDouble);
        line.registerConverter(Duration.class, Converters::toDuration);
        line.registerConverter(java.nio.file.Path.class, Converters::toPath);
    }

    /** A file argument: {@code s3://bucket/key} is an object-store path (checked here: exit 2 naming it), else a file. */
    static java.nio.file.Path toPath(final String text) {
        try {
            return path(text);
        }
        catch (io.mlstages.objectstore.ObjectStoreException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /**
     * The same for a file named in a text option (a report that may also be '-'), when the command runs.
     *
     * @throws io.mlstages.objectstore.ObjectStoreException naming a malformed {@code s3://} URL
     */
    static java.nio.file.Path path(final String text) {
        return io.mlstages.objectstore.S3Url.is(text) ? io.mlstages.objectstore.S3FileSystemProvider.path(text)
                : java.nio.file.Path.of(text);
    }

    static int toInt(final String text) {
        long value = toLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new TypeConversionException(Texts.quote(text) + " is out of range: a whole number from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + " is expected");
        }
        return (int) value;
    }

    static long toLong(final String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new TypeConversionException(Texts.quote(text) + " is not a whole number (digits 0-9)");
        }
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw new TypeConversionException(Texts.quote(text) + " is out of range: a whole number from "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE + " is expected");
        }
    }

    static double toDouble(final String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new TypeConversionException(Texts.quote(text) + " is not a number (like 0.05 or 1e-3)");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new TypeConversionException(Texts.quote(text) + " is out of range: too large to be a number");
        }
        return value;
    }

    static Duration toDuration(final String text) {
        try {
            return Durations.parse(text);
        }
        catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /**
     * Checks each option given on the command line (every level of it) against its {@link Range}.
     *
     * @throws ParameterException naming the option, the value and the range
     */
    static void checkRanges(final CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            for (ArgSpec arg : level.matchedArgs()) {
                Range range = range(arg);
                if (range != null) {
                    check(level.commandSpec().commandLine(), arg, range);
                }
            }
        }
    }

    /** The option's declared range, or null when it has none. */
    @CheckForNull
    static Range range(final ArgSpec arg) {
        return arg.userObject() instanceof Field field ? field.getAnnotation(Range.class) : null;
    }

    private static void check(final CommandLine line, final ArgSpec arg, final Range range) {
        Object value = arg.getValue();
        Collection<?> values = value instanceof Map<?, ?> map ? map.values()
                : value instanceof Collection<?> list ? list : List.of(value == null ? List.of() : value);
        for (Object each : values) {
            if (each instanceof Comparable<?> && !within(each, range)) {
                throw new ParameterException(line, "Invalid value for " + name(arg) + ": "
                        + Texts.quote(shown(each)) + " is out of range: give " + range.min() + " to " + range.max(),
                        null, arg, shown(each));
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean within(final Object value, final Range range) {
        Comparable low = bound(value, range.min());
        Comparable high = bound(value, range.max());
        return low.compareTo(value) <= 0 && high.compareTo(value) >= 0;
    }

    /** A bound in the value's own type, read by the same converters as the value. */
    static Comparable<?> bound(final Object value, final String text) {
        if (value instanceof Integer) {
            return toInt(text);
        }
        if (value instanceof Long) {
            return toLong(text);
        }
        if (value instanceof Double) {
            return toDouble(text);
        }
        if (value instanceof Duration) {
            return toDuration(text);
        }
        throw new IllegalStateException("A @Range on a " + value.getClass().getSimpleName() + " option");
    }

    private static String name(final ArgSpec arg) {
        return arg instanceof OptionSpec option ? "option '" + option.longestName() + "'"
                : "parameter " + arg.paramLabel();
    }

    private static String shown(final Object value) {
        return value instanceof Duration duration ? Durations.format(duration) : String.valueOf(value);
    }
}
