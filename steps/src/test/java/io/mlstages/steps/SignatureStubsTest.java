package io.mlstages.steps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The Jenkins API signature stubs say where each was read from, and their README lists every one, so that a reader
 * can check a stub against its real source; and they are strict enough to catch what the real API would reject.
 */
class SignatureStubsTest {
    private static final Path STUBS = PluginSources.stubSourceDir();

    @Test
    void shouldNameTheRealSourceOfEveryStubInItsFirstLineAndInTheReadme() throws IOException {
        List<Path> stubs;
        try (Stream<Path> files = Files.walk(STUBS)) {
            stubs = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        String readme = Files.readString(STUBS.resolve("README.md"), StandardCharsets.UTF_8);

        assertThat(stubs).isNotEmpty();
        assertSoftly(softly -> {
            for (Path stub : stubs) {
                String relative = STUBS.relativize(stub).toString().replace('\\', '/');
                String firstLine = firstLine(stub);
                softly.assertThat(firstLine).as(relative + " names its source")
                        .matches("// Signature stub: [\\w.-]+/[\\w.-]+ \\S+")
                        .endsWith("/" + relative);
                softly.assertThat(readme).as("README lists " + relative).contains("| `" + relative + "` |");
            }
        });
    }

    @Test
    void shouldKeepEveryStubBodyFromRunning() throws IOException {
        List<Path> stubs;
        try (Stream<Path> files = Files.walk(STUBS)) {
            stubs = files.filter(p -> p.toString().endsWith(".java")).toList();
        }

        assertSoftly(softly -> {
            for (Path stub : stubs) {
                String text = read(stub);
                // a stub returns nothing real: no return statement anywhere
                softly.assertThat(text).as(stub + " has no return statement").doesNotContainPattern("\\breturn\\b");
            }
        });
    }

    @Test
    void shouldCarryTheCheckedExceptionsAndAbstractMethodsOfTheRealApi(@TempDir final Path work) throws IOException {
        Path stubClasses = Files.createDirectories(work.resolve("stubs"));
        List<Path> stubs;
        try (Stream<Path> files = Files.walk(STUBS)) {
            stubs = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(PluginSources.javac(stubs, List.of(), stubClasses)).isEmpty();
        Path good = write(work.resolve("src/good/GoodStep.java"), """
                package good;

                import hudson.FilePath;
                import java.io.IOException;
                import org.jenkinsci.plugins.workflow.steps.Step;
                import org.jenkinsci.plugins.workflow.steps.StepContext;
                import org.jenkinsci.plugins.workflow.steps.StepExecution;
                import org.kohsuke.stapler.DataBoundConstructor;

                public class GoodStep extends Step {
                    @DataBoundConstructor
                    public GoodStep(String data) {
                    }

                    @Override
                    public StepExecution start(StepContext context) throws Exception {
                        FilePath workspace = context.get(FilePath.class);
                        return workspace.exists() ? null : null;
                    }
                }
                """);
        // javac reports a missing abstract method before it looks at exceptions: one mistake a file
        Path noStart = write(work.resolve("src/bad/NoStart.java"), """
                package bad;

                import org.jenkinsci.plugins.workflow.steps.Step;

                public class NoStart extends Step {
                }
                """);
        Path uncaught = write(work.resolve("src/bad/Uncaught.java"), """
                package bad;

                import hudson.FilePath;

                class Uncaught {
                    boolean present(FilePath workspace) {
                        return workspace.exists();
                    }
                }
                """);

        assertThat(PluginSources.javac(List.of(good), List.of(stubClasses), work.resolve("good"))).isEmpty();
        assertThat(PluginSources.javac(List.of(noStart), List.of(stubClasses), work.resolve("bad"))).singleElement()
                .asString().contains("NoStart.java:5").contains("does not override abstract method start");
        assertThat(PluginSources.javac(List.of(uncaught), List.of(stubClasses), work.resolve("bad"))).singleElement()
                .asString().contains("Uncaught.java:7").contains("java.io.IOException");
    }

    @Test
    void shouldReportAUseOfApiThatCoreDeprecates(@TempDir final Path work) throws IOException {
        Path stubClasses = Files.createDirectories(work.resolve("stubs"));
        try (Stream<Path> files = Files.walk(STUBS)) {
            assertThat(PluginSources.javac(files.filter(p -> p.toString().endsWith(".java")).toList(), List.of(),
                    stubClasses)).isEmpty();
        }
        Path counting = write(work.resolve("src/old/Counting.java"), """
                package old;

                import hudson.model.Job;

                class Counting {
                    int builds(Job<?, ?> job) {
                        return job.getBuilds().size();
                    }
                }
                """);
        Path describable = write(work.resolve("src/old/Thing.java"), """
                package old;

                import hudson.model.AbstractDescribableImpl;

                abstract class Thing extends AbstractDescribableImpl<Thing> {
                }
                """);

        PluginSources.Compilation compilation = PluginSources.compile(List.of(counting, describable),
                List.of(stubClasses), work.resolve("out"));

        assertThat(compilation.errors()).isEmpty();
        // javac may report one use twice (the extends clause and the supertype check)
        assertThat(compilation.deprecations()).allSatisfy(w -> assertThat(w).contains("has been deprecated"))
                .anySatisfy(w -> assertThat(w).contains("Counting.java:7").contains("size()"))
                .anySatisfy(w -> assertThat(w).contains("Thing.java:5").contains("AbstractDescribableImpl"));
    }

    private static Path write(final Path file, final String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String firstLine(final Path file) {
        return read(file).lines().findFirst().orElse("");
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
