package io.jenkins.plugins.mlstages;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

/**
 * Configuration as Code sets the global settings through the symbol mlStages, with decimals written as users write
 * them: unquoted (which configuration-as-code's reader drops and {@link MlStagesConfigurator} reads back) and quoted.
 */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeITest {
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldReadTheSettingsWithUnquotedDecimals(final JenkinsConfiguredWithCodeRule j) {
        MlStagesConfiguration settings = MlStagesConfiguration.get();

        assertThat(settings.getRegistry()).isEqualTo("/mnt/shared/ml-registry");
        assertThat(settings.getDriftShare()).isEqualTo(0.25);
        assertThat(settings.getAlpha()).isEqualTo(0.01);
        assertThat(settings.getCoolDown()).isEqualTo("12h");
        assertThat(settings.getJvmOptions()).isEqualTo("-XX:+UseParallelGC -Xmx2g");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-quoted.yml")
    void shouldReadTheSettingsWithQuotedDecimals(final JenkinsConfiguredWithCodeRule j) {
        MlStagesConfiguration settings = MlStagesConfiguration.get();

        assertThat(settings.getDriftShare()).isEqualTo(0.3);
        assertThat(settings.getAlpha()).isEqualTo(0.02);
        assertThat(settings.getCoolDown()).isEqualTo("12h");
    }
}
