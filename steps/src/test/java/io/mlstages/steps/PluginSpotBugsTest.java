package io.mlstages.steps;

import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.config.UserPreferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin parent POM runs SpotBugs in {@code verify}, which only the {@code -Pjenkins} build reaches; this runs
 * the same analysis here, on the plugin's classes compiled against the signature stubs (which carry the real
 * {@code @NonNull}/{@code @CheckForNull} of the Jenkins and credentials API), with the parent POM's settings:
 * default effort, medium threshold, the FindReturnRef and ConstructorThrow detectors off. (Find Security Bugs, which
 * the parent adds as a SpotBugs plugin, is not loaded here.)
 */
class PluginSpotBugsTest {
    @Test
    void shouldFindNoBugInThePluginClasses() throws Exception {
        PluginSources sources = PluginSources.compile();
        assertThat(sources.pluginErrors).isEmpty();

        List<String> bugs = analyze(sources.pluginClasses, List.of(sources.stubClasses,
                location(StepCatalog.class), location(com.fasterxml.jackson.databind.ObjectMapper.class)));

        assertThat(bugs).as("SpotBugs findings in the plugin's classes").isEmpty();
    }

    @Test
    void shouldReportANullPassedWhereTheJenkinsApiWantsNonNull(@TempDir final Path work) throws Exception {
        // the stubs' nullness annotations reach the analysis: a null into core's @NonNull hasPermission is reported.
        // (The real build's finding in Forms.secretTextItems, NP_PARAMETER_MUST_BE_NONNULL_BUT_MARKED_AS_NULLABLE,
        // also draws on the callee's bytecode, which stubs lack, so this analysis is weaker than the real one.)
        Path stubClasses = PluginSources.compile().stubClasses;
        Path source = work.resolve("src/demo/Check.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package demo;

                import hudson.model.Item;

                final class Check {
                    static boolean allowed(final Item item) {
                        return item.hasPermission(null);
                    }
                }
                """, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        assertThat(PluginSources.javac(List.of(source), List.of(stubClasses), classes)).isEmpty();

        assertThat(analyze(classes, List.of(stubClasses))).singleElement().asString()
                .startsWith("NP_").contains("Check.java:[line 7]").contains("hasPermission");
    }

    /** Runs SpotBugs on {@code classes}; returns "PATTERN class:line message" for each finding of medium or high priority. */
    static List<String> analyze(final Path classes, final List<Path> auxiliary) throws IOException, InterruptedException {
        Project project = new Project();
        project.addFile(classes.toString());
        auxiliary.forEach(path -> project.addAuxClasspathEntry(path.toString()));
        DetectorFactoryCollection detectors = DetectorFactoryCollection.instance();
        UserPreferences preferences = UserPreferences.createDefaultUserPreferences();
        preferences.setEffort(UserPreferences.EFFORT_DEFAULT);
        // plugin-pom (jenkinsci/pom): spotbugs.omitVisitors=FindReturnRef,ConstructorThrow
        for (String omitted : List.of("FindReturnRef", "ConstructorThrow")) {
            preferences.enableDetector(detectors.getFactory(omitted), false);
        }
        BugCollectionBugReporter reporter = new BugCollectionBugReporter(project);
        reporter.setPriorityThreshold(Priorities.NORMAL_PRIORITY);
        try (FindBugs2 engine = new FindBugs2()) {
            engine.setProject(project);
            engine.setDetectorFactoryCollection(detectors);
            engine.setBugReporter(reporter);
            engine.setUserPreferences(preferences);
            engine.execute();
        }
        List<String> found = new ArrayList<>();
        for (BugInstance bug : reporter.getBugCollection()) {
            if (bug.getPriority() <= Priorities.NORMAL_PRIORITY) {
                found.add(bug.getType() + " " + bug.getPrimarySourceLineAnnotation() + " " + bug.getMessageWithoutPrefix());
            }
        }
        return found;
    }

    private static Path location(final Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type.getName(), e);
        }
    }
}
