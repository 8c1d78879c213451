package io.jenkins.plugins.mlstages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The global settings survive the configuration page; empty number boxes stay unset. */
@WithJenkins
class MlStagesConfigurationITest {
    @Test
    void shouldKeepTheGlobalSettingsThroughTheConfigurationPage(final JenkinsRule j) throws Exception {
        MlStagesConfiguration settings = MlStagesConfiguration.get();
        settings.setRegistry("/srv/ml-registry");
        settings.setDriftShare(0.3);
        settings.setAlpha(null);
        settings.setCoolDown("12h");
        settings.setJvmOptions("-XX:+UseParallelGC -Xmx1g");

        j.configRoundtrip();

        assertThat(settings.getRegistry()).isEqualTo("/srv/ml-registry");
        assertThat(settings.getDriftShare()).isEqualTo(0.3);
        assertThat(settings.getAlpha()).as("an empty box is no default, not 0").isNull();
        assertThat(settings.getCoolDown()).isEqualTo("12h");
        assertThat(settings.getJavaPath()).isNull();
        assertThat(settings.getJvmOptions()).isEqualTo("-XX:+UseParallelGC -Xmx1g");
        assertThat(settings.jvmOptionWords()).containsExactly("-XX:+UseParallelGC", "-Xmx1g");
    }

    @Test
    void shouldDefaultToTheThroughputCollector(final JenkinsRule j) {
        assertThat(MlStagesConfiguration.get().getJvmOptions()).isEqualTo("-XX:+UseParallelGC");
    }
}
