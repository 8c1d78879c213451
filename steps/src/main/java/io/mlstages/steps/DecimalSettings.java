package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decimal settings of the plugin's global configuration ({@code driftShare}, {@code alpha}): how their text is
 * read and checked, and how a value that Configuration as Code lost is read back from its YAML file.
 *
 * <p>Why the second part: configuration-as-code 2117 builds its model of the YAML with snakeyaml, turning booleans,
 * integers and strings into its own scalars but leaving an unquoted decimal ({@code driftShare: 0.25}) to
 * snakeyaml's {@code Double}, which its mapping copy ({@code ObjectUtils.clone}, null for anything that is not
 * {@code Cloneable}) turns into null. The value is gone before any configurator or setter sees it, whatever the
 * property's Java type, so the plugin's configurator reads it back from the file the mapping came from.</p>
 */
public final class DecimalSettings {
    /** The settings of the global configuration that hold decimals. */
    public static final List<String> NAMES = List.of("driftShare", "alpha");


    private DecimalSettings() {
    }

    /**
     * A share or probability written as text: a decimal above 0 and at most 1; null when the text is null or blank
     * (the engine's default then applies).
     *
     * @throws IllegalArgumentException naming the setting and the value, when it is not such a number
     */
    @CheckForNull
    public static Double share(final String name, @CheckForNull final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (!isDecimal(trimmed)) {
            throw new IllegalArgumentException(name + ": '" + trimmed + "' is not a number (write e.g. 0.25)");
        }
        return share(name, Double.valueOf(trimmed));
    }

    /**
     * Checks a share or probability: above 0 and at most 1, or null.
     *
     * @throws IllegalArgumentException naming the setting and the value, when it is out of range
     */
    @CheckForNull
    public static Double share(final String name, @CheckForNull final Double value) {
        if (value != null && !(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + ": " + value + " is out of range (above 0 and at most 1)");
        }
        return value;
    }

    /**
     * The local file a Configuration as Code source names (a path, or a {@code file:} URL); empty for any other
     * source (an HTTP URL, a request body), which is never read again.
     */
    public static Optional<Path> localFile(@CheckForNull final String source) {
        if (source == null || source.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = source.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(source)) : Path.of(source);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        }
        catch (IllegalArgumentException e) { // a malformed URL or path (InvalidPathException is one)
            return Optional.empty();
        }
    }

    /** The lines of a local YAML source (UTF-8, as Configuration as Code reads it); empty when there is none. */
    public static List<String> sourceLines(@CheckForNull final String source) {
        Optional<Path> file = localFile(source);
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            return Files.readAllLines(file.get(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Configuration as Code file " + file.get(), e);
        }
    }

    /**
     * The plain (unquoted) decimal written for {@code key} in the block mapping whose first key is on line
     * {@code firstLine} (1-based, as Configuration as Code numbers its sources), e.g. {@code 0.25} for
     * {@code driftShare: 0.25 # a comment}. Empty when the key is not there or its value is not a plain decimal (a
     * quoted value reaches the configuration anyway).
     */
    public static Optional<String> plainDecimal(final List<String> lines, final int firstLine, final String key) {
        if (firstLine < 1 || firstLine > lines.size()) {
            return Optional.empty();
        }
        int indent = indent(lines.get(firstLine - 1));
        Pattern entry = Pattern.compile("([\"']?)" + Pattern.quote(key) + "\\1\\s*:(?:\\s+(.*))?");
        for (int i = firstLine - 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            int at = indent(line);
            if (at < indent) {
                break; // the mapping ended
            }
            Matcher matcher = entry.matcher(content);
            if (at == indent && matcher.matches()) {
                String value = withoutComment(matcher.group(2) == null ? "" : matcher.group(2));
                return isDecimal(value) ? Optional.of(value) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * What the plugin's configurator puts back into the {@code mlStages} mapping before binding it: for each decimal
     * setting that arrived without a value (absent, or present with null: dropped by Configuration as Code's reader),
     * the plain decimal its YAML source has for it.
     *
     * @param delivered the mapping as Configuration as Code delivered it (setting name to node, null when dropped)
     * @param lines     the lines of its source file ({@link #sourceLines}); empty when the source cannot be read
     * @param firstLine the line of the mapping's first key (1-based)
     * @param source    the source's name, for the message
     * @throws IllegalArgumentException naming the setting, when a dropped value cannot be read back
     */
    public static Map<String, String> readBack(final Map<String, ?> delivered, final List<String> lines,
            final int firstLine, @CheckForNull final String source) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (delivered.get(name) != null) {
                continue;
            }
            Optional<String> text = plainDecimal(lines, firstLine, name);
            if (text.isPresent()) {
                share(name, text.get()); // the same range check as the setter's, naming the setting
                found.put(name, text.get());
            }
            else if (delivered.containsKey(name)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "mlStages.%s: Configuration as Code "
                        + "dropped this unquoted decimal and it cannot be read back from %s; write it quoted, e.g. "
                        + "%s: \"0.25\"", name, source == null || source.isBlank() ? "its source" : source, name));
            }
        }
        return found;
    }

    /**
     * Whether the text is a plain decimal such as {@code 0.25}, {@code .3} or {@code 5e-2}: digits, sign, point and
     * exponent only (so no {@code NaN}, {@code Infinity}, hex or type suffix), and a number Java reads.
     */
    private static boolean isDecimal(final String text) {
        if (text.isEmpty() || text.chars().noneMatch(Character::isDigit)
                || !text.chars().allMatch(c -> c >= '0' && c <= '9' || "+-.eE".indexOf(c) >= 0)) {
            return false;
        }
        try {
            Double.parseDouble(text);
            return true;
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

    private static int indent(final String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static String withoutComment(final String value) {
        int hash = value.indexOf(" #");
        return (hash < 0 ? value : value.substring(0, hash)).strip();
    }
}
