package io.mlstages.steps;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The plugin's user-facing texts live in {@code Messages.properties}, from which Jenkins' localizer generates the
 * {@code Messages} class in the real build ({@link LocalizerMessages} does the same here, so the plugin compiles
 * against it). What {@code InjectedTest#testProperties} checks there (valid encoding, no key twice) is checked here
 * too, and what it cannot see: every pattern is a valid {@link java.text.MessageFormat} whose apostrophes survive
 * formatting, every key is used and every used method exists, and the steps' display names are the catalog's.
 */
class PluginMessagesTest {
    private static final Pattern CALL = Pattern.compile("\\bMessages\\.(\\w+)\\(");

    private static PluginSources sources;
    private static Path bundle;

    @BeforeAll
    static void compile() {
        sources = PluginSources.compile();
        bundle = sources.pluginDir.resolve("src/main/resources/io/jenkins/plugins/mlstages/Messages.properties");
    }

    @Test
    void shouldKeepTheTextsInOneAsciiBundleWithEveryKeyOnce() throws IOException {
        assertThat(bundle).isRegularFile();
        byte[] bytes = Files.readAllBytes(bundle);
        List<String> keys = new ArrayList<>();
        String previous = "";
        for (String line : new String(bytes, StandardCharsets.ISO_8859_1).split("\n")) {
            // a key starts a line that is not a comment and not the continuation of the line before
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith(" ") && !previous.endsWith("\\")) {
                keys.add(line.substring(0, line.indexOf('=')).strip());
            }
            previous = line;
        }

        for (byte b : bytes) {
            assertThat(b & 0xff).as("a non-ASCII byte in " + bundle + " (write \\uXXXX)").isLessThan(0x80);
        }
        assertThat(keys).hasSizeGreaterThan(40).doesNotHaveDuplicates();
        assertThat(LocalizerMessages.read(bundle)).hasSameSizeAs(keys);
    }

    @Test
    void shouldFormatEveryPatternWithItsApostrophesAndArguments() throws Exception {
        Map<String, String> patterns = LocalizerMessages.read(bundle);
        Class<?> messages = sources.classLoader().loadClass("io.jenkins.plugins.mlstages.Messages");

        assertSoftly(softly -> patterns.forEach((key, pattern) -> {
            softly.assertThat(pattern).as(key + ": an apostrophe is written twice ('') in a MessageFormat pattern")
                    .doesNotContainPattern("(?<!')'(?!')");
            int count = LocalizerMessages.arguments(pattern);
            Object[] arguments = new Object[count];
            for (int i = 0; i < count; i++) {
                arguments[i] = "<" + i + ">";
            }
            String text = invoke(messages, LocalizerMessages.methodName(key), arguments);
            softly.assertThat(text).as(key).doesNotContain("{", "}").isEqualTo(expected(pattern, arguments));
        }));
        assertThat(invoke(messages, "Forms_NoSuchJob", "retrain")).isEqualTo("No job 'retrain' (or you cannot see it)");
        assertThat(invoke(messages, "StepRunner_NeedsRegistry", "deployModel"))
                .isEqualTo("deployModel needs a model registry: give the registry parameter or set the registry in "
                        + "Manage Jenkins \u203a System \u203a ML Stages");
        assertThat(invoke(messages, "Forms_TooSmall", "1000", "5")).as("numbers are passed as text: no 1,000")
                .isEqualTo("Give at least 1000, not 5");
    }

    @Test
    void shouldUseEveryKeyAndOnlyKeysThatExist() throws IOException {
        Set<String> methods = new HashSet<>();
        LocalizerMessages.read(bundle).keySet().forEach(key -> methods.add(LocalizerMessages.methodName(key)));
        Set<String> called = new HashSet<>();
        Path java = sources.pluginDir.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(java)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = CALL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (call.find()) {
                    called.add(call.group(1));
                }
            }
        }

        assertThat(sources.pluginErrors).as("the plugin compiles against the generated Messages").isEmpty();
        assertThat(methods).as("keys of " + bundle + " that no plugin source uses").isSubsetOf(called);
        assertThat(called).isSubsetOf(methods);
    }

    @Test
    void shouldNameTheStepsAsTheCatalogDoes() throws Exception {
        Class<?> messages = sources.classLoader().loadClass("io.jenkins.plugins.mlstages.Messages");
        Map<String, Class<?>> described = sources.describedClasses();

        assertThat(described).hasSize(StepCatalog.steps().size());
        assertSoftly(softly -> described.forEach((name, type) -> softly.assertThat(
                invoke(messages, type.getSimpleName() + "_DisplayName")).as(type.getSimpleName() + " display name")
                .isEqualTo(StepCatalog.step(name).displayName())));
    }

    private static String expected(final String pattern, final Object[] arguments) {
        String text = pattern.replace("''", "'");
        for (int i = 0; i < arguments.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
        }
        return text;
    }

    private static String invoke(final Class<?> messages, final String method, final Object... arguments) {
        try {
            Class<?>[] types = new Class<?>[arguments.length];
            java.util.Arrays.fill(types, Object.class);
            Method m = messages.getMethod(method, types);
            return (String) m.invoke(null, arguments);
        }
        catch (ReflectiveOperationException e) {
            throw new AssertionError("Messages." + method + " with " + arguments.length + " arguments: " + e, e);
        }
    }
}
