package io.mlstages.steps;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's JenkinsRule tests ({@code plugin/src/test/java}) run only where the Jenkins Maven repository is
 * reachable; this compiles them here against the plugin's classes, the Jenkins signature stubs (jenkins-test-harness,
 * workflow-job, workflow-cps, Configuration as Code's test harness and the Jenkins types they use, read off the real
 * sources) and this run's JUnit 5 and AssertJ, so that a test calling a method that does not exist fails here.
 */
class PluginTestSourcesCompileTest {
    @Test
    void shouldCompileThePluginTestsAgainstThePluginAndTheSignatureStubs() {
        PluginSources sources = PluginSources.compile();

        // the check must not pass by finding nothing
        assertThat(sources.testSourceFiles).as("JenkinsRule tests (*ITest) in " + sources.pluginDir + "/src/test/java")
                .anyMatch(file -> file.endsWith("ITest.java"));
        assertThat(sources.testErrors).as("errors compiling " + sources.pluginDir
                + "/src/test/java with --release 17 against the plugin classes and the signature stubs").isEmpty();
        assertThat(sources.testDeprecations).as("uses of deprecated API in " + sources.pluginDir + "/src/test/java")
                .isEmpty();
    }
}
